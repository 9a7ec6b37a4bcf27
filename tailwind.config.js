// Tailwind CSS v3 for the server-rendered storefront. Every template and
// every Python module (form widgets may carry classes) is scanned, so a
// class used anywhere ends up in emporium/static/css/app.css.
const colors = require("tailwindcss/colors");

/** @type {import('tailwindcss').Config} */
module.exports = {
  content: [
    "./emporium/**/templates/**/*.html",
    "./emporium/**/*.py",
    "./emporium/static/js/**/*.js",
  ],
  theme: {
    extend: {
      colors: {
        brand: colors.indigo,
        ink: colors.slate,
      },
      maxWidth: {
        page: "80rem",
      },
    },
  },
  plugins: [require("@tailwindcss/forms")],
};
