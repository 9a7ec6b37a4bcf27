"""Commissions and payouts: what each shop earned, what the platform kept,
what was clawed back by refunds and what was paid out (issue 5)."""
