"""What a student types into a programme's public application form (tests of the public link and its mails)."""

from __future__ import annotations


def student(position_id, **overrides):
    data = {
        "position_id": str(position_id),
        "name": "阮氏梅",
        "latin_name": "Nguyen Thi Mai",
        "email": "mai@example.edu.vn",
        "phone": "+886 912 345 678",
        "nationality": "VN",
        "school": "國立中山大學",
        "department": "International Business",
        "study_level": "master",
        "study_year": "1",
        "languages-0-language": "vi",
        "languages-0-level": "native",
        "languages-1-language": "en",
        "languages-1-level": "C1",
        "languages-2-language": "zh",
        "languages-2-level": "B2",
        "consent": "y",
    }
    data.update(overrides)
    return data
