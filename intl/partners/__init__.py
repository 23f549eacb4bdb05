"""Partner cities and organizations abroad, and the agreements the city signs with them."""
