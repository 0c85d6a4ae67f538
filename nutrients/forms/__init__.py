"""Forms, one module per part of the site. Every input, query strings included, goes through one."""
