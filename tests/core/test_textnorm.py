from hypothesis import given
from hypothesis import strategies as st

from intl.core.textnorm import _normalize_unicode, normalize


def test_vietnamese_without_diacritics_matches():
    assert normalize("Đà Nẵng") == normalize("da nang") == "da nang"
    assert normalize("Thành phố Hồ Chí Minh") == "thanh pho ho chi minh"


def test_decomposed_and_composed_forms_agree():
    composed = "Nguy\u1ec5n"
    decomposed = "Nguye\u0302\u0303n"
    assert normalize(composed) == normalize(decomposed) == "nguyen"


def test_thai_tone_marks_are_ignored():
    with_tones = "เชียงใหม่"
    without_tones = "เชียงใหม"  # mai ek removed
    assert normalize(with_tones) == normalize(without_tones)


def test_full_width_and_case_fold():
    assert normalize("ＳＥＡＴＴＬＥ") == "seattle"


def test_kana_voicing_is_kept_and_hangul_stays_whole():
    assert normalize("が") != normalize("か")
    assert normalize("부산") == "부산"


def test_cjk_untouched_and_spaces_collapsed():
    assert normalize("  横浜市   役所 ") == "横浜市 役所"


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_texts_fold_as_the_full_unicode_path_folds_them(text):
    """normalize() takes a shortcut for ASCII (most Latin names, every e-mail address): the same result."""
    assert normalize(text) == _normalize_unicode(text)
