"""The fixed vocabulary of the demo catalog: shops, category tree, options,
attributes, words for titles. Data only; `builder` turns it into rows.
"""

from decimal import Decimal

# (name, commission rate, logo colour, description), all approved.
SHOPS = [
    (
        "Northwind Outfitters",
        Decimal("12.00"),
        (31, 58, 96),
        "Clothing for town and trail.",
    ),
    (
        "Kestrel Footwear",
        Decimal("10.00"),
        (150, 52, 40),
        "Shoes made for walking, and running.",
    ),
    (
        "Hearth & Home",
        Decimal("8.50"),
        (120, 94, 60),
        "Things that make a house a home.",
    ),
    (
        "Voltage Electronics",
        Decimal("7.50"),
        (30, 30, 36),
        "Gadgets, audio and accessories.",
    ),
    (
        "Summit Outdoor Co.",
        Decimal("15.00"),
        (44, 96, 60),
        "Gear for camping, hiking and cycling.",
    ),
]
PENDING_SHOP = (
    "Shadow Bargains", Decimal("20.00"), (90, 90, 90), "Awaiting review by staff.",
)  # fmt: skip

# root -> {child: [nouns]}; the order of roots matches SHOPS (main seller).
CATEGORY_TREE = {
    "Clothing": {
        "T-shirts": ["T-Shirt", "Tee", "Polo Shirt"],
        "Jackets": ["Jacket", "Parka", "Windbreaker"],
        "Trousers": ["Chinos", "Jeans", "Joggers"],
        "Knitwear": ["Sweater", "Cardigan", "Hoodie"],
    },
    "Shoes": {
        "Running": ["Running Shoe", "Trail Running Shoe"],
        "Sneakers": ["Sneaker", "High-top Sneaker"],
        "Boots": ["Hiking Boot", "Chelsea Boot"],
        "Sandals": ["Sandal", "Slide"],
    },
    "Home": {
        "Kitchen": ["Chef's Knife", "Frying Pan", "Coffee Mug"],
        "Bedding": ["Duvet Cover", "Pillow", "Throw Blanket"],
        "Lighting": ["Desk Lamp", "Floor Lamp", "Pendant Light"],
        "Decor": ["Vase", "Picture Frame", "Wall Clock"],
    },
    "Electronics": {
        "Audio": ["Wireless Headphones", "Bluetooth Speaker", "Earbuds"],
        "Phone Accessories": ["Phone Case", "USB-C Charger", "Power Bank"],
        "Computers": ["Mechanical Keyboard", "Wireless Mouse", "Laptop Stand"],
        "Cameras": ["Action Camera", "Camera Tripod", "Camera Bag"],
    },
    "Outdoor": {
        "Camping": ["Tent", "Sleeping Bag", "Camping Stove"],
        "Hiking": ["Backpack", "Trekking Poles", "Water Bottle"],
        "Cycling": ["Bike Helmet", "Cycling Gloves", "Bike Light"],
        "Fishing": ["Fishing Rod", "Tackle Box", "Fishing Reel"],
    },
}

# Per root: option axes of its variants, price range (cents), weight (grams),
# materials, and whether "waterproof" means anything for it.
ROOT_PROFILES = {
    "Clothing": {"axes": "size", "price": (999, 14900), "weight": (150, 1200),
                 "materials": ["Cotton", "Wool", "Polyester", "Linen", "Nylon"],
                 "waterproof": False},
    "Shoes": {"axes": "shoe_size", "price": (3900, 22900), "weight": (400, 1400),
              "materials": ["Leather", "Suede", "Nylon", "Rubber"],
              "waterproof": True},
    "Home": {"axes": "colour", "price": (999, 19900), "weight": (200, 5000),
             "materials": ["Ceramic", "Wood", "Steel", "Cotton", "Glass"],
             "waterproof": False},
    "Electronics": {"axes": "colour", "price": (1499, 29900), "weight": (50, 2000),
                    "materials": ["Plastic", "Aluminium", "Steel"],
                    "waterproof": True},
    "Outdoor": {"axes": "colour", "price": (1299, 29900), "weight": (100, 4000),
                "materials": ["Nylon", "Aluminium", "Polyester", "Steel"],
                "waterproof": True},
}  # fmt: skip

BRANDS = [
    "Acme", "Borealis", "Cobalt", "Driftwood", "Ember", "Fjord",
    "Granite", "Harbor", "Ironbark", "Juniper", "Kite", "Lumen",
]  # fmt: skip

SIZES = ["XS", "S", "M", "L", "XL"]
SHOE_SIZES = ["38", "39", "40", "41", "42", "43", "44", "45", "46"]
# name -> RGB, used for option values and the generated images.
COLOURS = {
    "Black": (25, 25, 28), "White": (235, 235, 230), "Navy": (28, 42, 84),
    "Red": (178, 34, 34), "Green": (46, 125, 50), "Grey": (120, 120, 124),
    "Blue": (33, 102, 172), "Beige": (214, 196, 160), "Olive": (107, 112, 52),
    "Yellow": (232, 184, 46),
}  # fmt: skip
ADJECTIVES = [
    "Classic", "Essential", "Premium", "Lightweight", "Everyday", "Vintage",
    "Urban", "Alpine", "Coastal", "Heritage", "Compact", "Pro",
]  # fmt: skip
FITS = ["Slim", "Regular", "Relaxed"]
CARE = ["Machine wash 30 °C", "Hand wash only", "Wipe clean", "Dry clean only"]
SELLING_POINTS = [
    "Built to last and easy to care for.",
    "Designed in Europe, tested in every season.",
    "A favourite of our customers for years.",
    "Made with responsibly sourced materials.",
    "Comes with a two-year warranty.",
]

# Titles the search tests and demos rely on: the first products of a run.
FIXED_TITLES = [("Clothing", "T-shirts", "Classic T-Shirt"),
                ("Clothing", "Jackets", "Black Jacket")]  # fmt: skip

COLLECTIONS = [
    ("New arrivals", "new-arrivals", True, "The latest additions to the shop."),
    ("Best sellers", "best-sellers", True, "What everybody is buying."),
    ("Sale", "sale", False, "Reduced prices while stocks last."),
]

# Branches of the demo shops: (name, street, postal code, city, country,
# latitude, longitude); shop i gets BRANCH_SITES[i] and BRANCH_SITES[i + 1].
BRANCH_SITES = [
    ("Berlin Mitte", "Rosenthaler Str. 40", "10178", "Berlin", "DE",
     Decimal("52.526000"), Decimal("13.402000")),
    ("Vienna Neubau", "Neubaugasse 12", "1070", "Vienna", "AT",
     Decimal("48.201000"), Decimal("16.349000")),
    ("Munich Altstadt", "Sendlinger Str. 8", "80331", "Munich", "DE",
     Decimal("48.135000"), Decimal("11.571000")),
    ("Hamburg Ottensen", "Ottenser Hauptstr. 10", "22765", "Hamburg", "DE",
     Decimal("53.552000"), Decimal("9.928000")),
    ("Cologne Ehrenfeld", "Venloer Str. 300", "50823", "Cologne", "DE",
     Decimal("50.948000"), Decimal("6.918000")),
    ("Leipzig Zentrum", "Grimmaische Str. 2", "04109", "Leipzig", "DE",
     Decimal("51.339000"), Decimal("12.377000")),
]  # fmt: skip
OPENING_HOURS = {
    "mon": [["10:00", "19:00"]],
    "tue": [["10:00", "19:00"]],
    "wed": [["10:00", "19:00"]],
    "thu": [["10:00", "20:00"]],
    "fri": [["10:00", "20:00"]],
    "sat": [["10:00", "16:00"]],
}

# Reviews: (rating, title, text); drawn at random for the showcase products.
REVIEWS = [
    (5, "Exactly as described", "Arrived quickly and fits perfectly."),
    (5, "Love it", "Great quality for the price. Would buy again."),
    (4, "Very good", "Nice finish; the colour is a little darker than shown."),
    (4, "Solid choice", "Does the job well. Packaging could be greener."),
    (3, "It's fine", "Decent, but I expected a bit more for the money."),
    (2, "Not for me", "Runs small; I had to send it back."),
]
REVIEWERS = ["Mia", "Jonas", "Lea", "Paul", "Emma", "Noah", "Sofia", "Ben"]
