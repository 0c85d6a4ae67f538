"""The accessibility check itself: it must fail a page with a violation, or every
browser test's axe check would pass whatever the pages became."""

import pytest

from .accessibility import assert_accessible

PAGE = '<!doctype html><html lang="en"><title>A test</title><main><h1>Legs</h1>{image}</main></html>'


def test_the_check_fails_a_page_with_an_image_that_has_no_text_alternative(page):
    page.set_content(PAGE.format(image='<img src="leg.png">'))
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)


def test_the_check_passes_the_same_page_with_one(page):
    page.set_content(PAGE.format(image='<img src="leg.png" alt="A leg">'))
    assert_accessible(page)
