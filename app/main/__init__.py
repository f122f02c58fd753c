"""Home page, language choice and error pages."""
