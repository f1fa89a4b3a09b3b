"""Database backends: Django's own, with what the project's schema needs of them."""
