"""The one check pipeline behind check, build and preview, and the checks it runs."""
