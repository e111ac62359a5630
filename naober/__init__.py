"""Naober: cited answers from Drenthe's health and social-care policy documents."""

__version__ = "0.1.0"
