"""The standard letter templates the office starts with: five kinds in Traditional Chinese and English, the
invitation in Japanese, and the invitation and the thank-you letter in Korean, Vietnamese, Indonesian and Thai
(their salutation addresses the recipient as the language does, {addressed}; their closing is the language's
formal one). Officers adapt them on the templates page; `seed_templates` adds only missing ones.

(kind, language, name, subject, body). The signature is not part of the text: the printed letter adds the
signatory's block under it.
"""

from __future__ import annotations

STANDARD_TEMPLATES = [
    (
        "invitation",
        "zh_Hant",
        "邀請函（標準）",
        "敬邀蒞臨{event_title}",
        "{recipient_name}{honorific}　惠鑒：\n\n"
        "時序更迭，敬維　政躬康泰，諸事順遂，至為企頌。\n\n"
        "本府謹訂於近期舉辦「{event_title}」，誠摯邀請　閣下蒞臨高雄指導，共襄盛舉，"
        "並藉此深化{partner_name}與本市於觀光、文化及教育等領域之交流。\n\n"
        "如蒙　惠允撥冗出席，敬請早日賜覆，俾利本府妥善安排接待事宜。\n\n"
        "耑此　敬頌\n時祺",
    ),
    (
        "invitation",
        "en",
        "Invitation (standard)",
        "Invitation to {event_title}",
        "Dear {honorific} {recipient_name},\n\n"
        "On behalf of the City of Kaohsiung, it is my great pleasure to invite you to {event_title} in "
        "Kaohsiung.\n\n"
        "The friendship between {partner_name} and Kaohsiung has grown through many exchanges in tourism, "
        "culture and education. Your presence would honour us and open new opportunities for cooperation "
        "between our cities.\n\n"
        "We would be grateful for your reply at your earliest convenience, so that we may prepare your visit "
        "with every care.\n\n"
        "Yours sincerely,",
    ),
    (
        "invitation",
        "ja",
        "ご招待状（標準）",
        "{event_title}へのご招待",
        "{organization}\n{recipient_title}　{recipient_name} 様\n\n"
        "拝啓　時下ますますご清祥のこととお慶び申し上げます。\n\n"
        "さて、高雄市では「{event_title}」を開催する運びとなりました。つきましては、{partner_name}と当市の"
        "友好の証として、ぜひご臨席を賜りたく、謹んでご案内申し上げます。\n\n"
        "ご多忙中誠に恐縮ではございますが、ご出欠のほどをお知らせいただければ幸いに存じます。\n\n"
        "敬具",
    ),
    (
        "thank_you",
        "zh_Hant",
        "感謝函（訪問）",
        "感謝{delegation_title}蒞臨高雄",
        "{recipient_name}{honorific}　惠鑒：\n\n"
        "承蒙　閣下率{delegation_title}蒞臨高雄訪問，本市深感榮幸，謹致誠摯謝忱。\n\n"
        "此行雙方就觀光、產業及青年交流等議題廣泛交換意見，成果豐碩；期盼未來持續深化{partner_name}與本市之"
        "友好關係，共創雙贏。\n\n"
        "耑此　敬頌\n勛祺",
    ),
    (
        "thank_you",
        "en",
        "Thank-you letter (visit)",
        "With thanks for your visit to Kaohsiung",
        "Dear {honorific} {recipient_name},\n\n"
        "Thank you for leading the {delegation_title} to Kaohsiung. It was an honour to welcome you and your "
        "colleagues.\n\n"
        "Our discussions on tourism, industry and youth exchange were most fruitful, and I look forward to "
        "building on them so that the ties between {partner_name} and Kaohsiung grow ever closer.\n\n"
        "With warm regards,",
    ),
    (
        "anniversary",
        "zh_Hant",
        "締盟週年賀函",
        "恭賀{partner_name}與高雄市締盟{anniversary_years}週年",
        "{recipient_name}{honorific}　惠鑒：\n\n"
        "欣逢{partner_name}與高雄市締結友好關係{anniversary_years}週年，謹代表高雄市民致上最誠摯之祝賀。\n\n"
        "回顧雙方多年來於文化、教育、觀光及經貿等領域之交流，成果斐然；展望未來，期盼攜手開創新局，"
        "使兩市情誼歷久彌新。\n\n"
        "耑此　敬頌\n時綏",
    ),
    (
        "anniversary",
        "en",
        "Anniversary congratulations",
        "Congratulations on the {anniversary_years}th anniversary of our friendship",
        "Dear {honorific} {recipient_name},\n\n"
        "It is with great joy that I extend, on behalf of the people of Kaohsiung, our warmest congratulations "
        "on the {anniversary_years}th anniversary of the ties between {partner_name} and Kaohsiung.\n\n"
        "Over these years our cities have shared culture, education, tourism and trade. May the years ahead "
        "bring our peoples still closer together.\n\n"
        "Yours sincerely,",
    ),
    (
        "condolence",
        "zh_Hant",
        "慰問函",
        "致{partner_name}之慰問",
        "{recipient_name}{honorific}　禮鑒：\n\n"
        "驚悉{partner_name}遭逢不幸，本市全體市民同感哀痛，謹致最深切之慰問。\n\n"
        "願罹難者安息，傷者早日康復；高雄市願於重建工作上提供一切可能之協助。\n\n"
        "耑此　敬申悼慰",
    ),
    (
        "condolence",
        "en",
        "Condolence",
        "Our deepest condolences",
        "Dear {honorific} {recipient_name},\n\n"
        "It was with profound sadness that we learned of the tragedy that has struck {partner_name}. On behalf "
        "of the people of Kaohsiung, I extend our deepest sympathy to you and to all who have lost loved "
        "ones.\n\n"
        "Kaohsiung stands with you and is ready to help in any way we can.\n\n"
        "With deepest sympathy,",
    ),
    (
        "intent",
        "zh_Hant",
        "合作意向書",
        "{partner_name}與高雄市合作意向書",
        "{recipient_name}{honorific}　惠鑒：\n\n"
        "高雄市政府（由{sender_title}{sender_name}代表）謹表達與{partner_name}在觀光、教育、文化及產業等領域"
        "建立合作關係之意向。\n\n"
        "雙方將以互惠為原則，推動人員互訪、資訊交流及共同活動，並視合作進展研議締結正式協定。\n\n"
        "本意向書不構成法律上之義務。\n\n"
        "耑此　敬頌\n時祺",
    ),
    (
        "intent",
        "en",
        "Letter of intent",
        "Letter of intent on cooperation between {partner_name} and Kaohsiung",
        "Dear {honorific} {recipient_name},\n\n"
        "Kaohsiung City Government, represented by {sender_title} {sender_name}, hereby expresses its intent to "
        "establish cooperation with {partner_name} in tourism, education, culture and industry.\n\n"
        "Both sides will work on the basis of mutual benefit through visits, exchange of information and joint "
        "activities, and will consider a formal agreement as the cooperation matures.\n\n"
        "This letter does not create legal obligations.\n\n"
        "Yours sincerely,",
    ),
    (
        "invitation",
        "ko",
        "초청장(표준)",
        "{event_title} 초청",
        "{organization}\n{addressed}께\n\n"
        "귀하의 건승을 기원합니다.\n\n"
        "가오슝시는 「{event_title}」을(를) 개최하게 되었습니다. {partner_name}과(와) 우리 시의 우호의 뜻을 담아 "
        "귀하를 정중히 초청하오니 부디 참석하시어 자리를 빛내 주시기 바랍니다.\n\n"
        "바쁘시겠지만 참석 여부를 알려 주시면 방문 준비에 만전을 기하겠습니다.\n\n"
        "감사합니다.",
    ),
    (
        "thank_you",
        "ko",
        "감사 서한(방문)",
        "{delegation_title}의 가오슝 방문에 감사드리며",
        "{addressed}께\n\n"
        "{delegation_title}을(를) 이끌고 가오슝을 방문해 주셔서 진심으로 감사드립니다. 귀하와 일행을 맞이하게 되어 "
        "큰 영광이었습니다.\n\n"
        "관광, 산업, 청년 교류에 관한 이번 논의는 매우 유익했으며, {partner_name}과(와) 가오슝의 관계가 더욱 "
        "돈독해지기를 기대합니다.\n\n"
        "감사합니다.",
    ),
    (
        "invitation",
        "vi",
        "Thư mời (mẫu chuẩn)",
        "Thư mời tham dự {event_title}",
        "Kính gửi {addressed},\n\n"
        "Thay mặt Chính quyền thành phố Cao Hùng, chúng tôi trân trọng kính mời Quý vị tham dự {event_title} tại "
        "Cao Hùng.\n\n"
        "Tình hữu nghị giữa {partner_name} và Cao Hùng đã không ngừng phát triển qua nhiều hoạt động giao lưu về "
        "du lịch, văn hóa và giáo dục. Sự hiện diện của Quý vị sẽ là niềm vinh dự lớn đối với chúng tôi.\n\n"
        "Kính mong Quý vị sớm hồi âm để chúng tôi chuẩn bị đón tiếp chu đáo.\n\n"
        "Trân trọng,",
    ),
    (
        "thank_you",
        "vi",
        "Thư cảm ơn (chuyến thăm)",
        "Cảm ơn chuyến thăm Cao Hùng",
        "Kính gửi {addressed},\n\n"
        "Xin chân thành cảm ơn Quý vị đã dẫn {delegation_title} đến thăm Cao Hùng. Chúng tôi rất vinh dự được đón "
        "tiếp Quý vị và đoàn.\n\n"
        "Những trao đổi về du lịch, công nghiệp và giao lưu thanh niên đã mang lại nhiều kết quả, và chúng tôi mong "
        "quan hệ giữa {partner_name} và Cao Hùng ngày càng gắn bó.\n\n"
        "Trân trọng,",
    ),
    (
        "invitation",
        "id",
        "Surat undangan (standar)",
        "Undangan menghadiri {event_title}",
        "Yth. {addressed},\n\n"
        "Atas nama Pemerintah Kota Kaohsiung, dengan hormat kami mengundang Anda untuk menghadiri {event_title} di "
        "Kaohsiung.\n\n"
        "Persahabatan antara {partner_name} dan Kaohsiung terus tumbuh melalui pertukaran di bidang pariwisata, "
        "budaya, dan pendidikan. Kehadiran Anda akan menjadi kehormatan besar bagi kami.\n\n"
        "Kami mohon kesediaan Anda untuk memberikan jawaban secepatnya agar kami dapat mempersiapkan kunjungan "
        "Anda dengan sebaik-baiknya.\n\n"
        "Hormat kami,",
    ),
    (
        "thank_you",
        "id",
        "Surat terima kasih (kunjungan)",
        "Terima kasih atas kunjungan Anda ke Kaohsiung",
        "Yth. {addressed},\n\n"
        "Terima kasih telah memimpin {delegation_title} berkunjung ke Kaohsiung. Merupakan kehormatan bagi kami "
        "untuk menyambut Anda dan rombongan.\n\n"
        "Diskusi kita mengenai pariwisata, industri, dan pertukaran pemuda sangat bermanfaat, dan kami berharap "
        "hubungan antara {partner_name} dan Kaohsiung semakin erat.\n\n"
        "Hormat kami,",
    ),
    (
        "invitation",
        "th",
        "หนังสือเชิญ (มาตรฐาน)",
        "ขอเชิญร่วม{event_title}",
        "เรียน {addressed}\n\n"
        "ในนามของรัฐบาลนครเกาสง ขอเรียนเชิญท่านเข้าร่วม{event_title} ณ นครเกาสง\n\n"
        "มิตรภาพระหว่าง{partner_name}และนครเกาสงได้เติบโตขึ้นผ่านการแลกเปลี่ยนด้านการท่องเที่ยว วัฒนธรรม "
        "และการศึกษา การเข้าร่วมของท่านจะเป็นเกียรติอย่างยิ่งแก่เรา\n\n"
        "จึงเรียนมาเพื่อโปรดพิจารณา และขอความกรุณาแจ้งตอบเพื่อที่เราจะได้เตรียมการต้อนรับอย่างเหมาะสม\n\n"
        "ขอแสดงความนับถือ",
    ),
    (
        "thank_you",
        "th",
        "หนังสือขอบคุณ (การเยือน)",
        "ขอบคุณที่เดินทางเยือนนครเกาสง",
        "เรียน {addressed}\n\n"
        "ขอขอบคุณที่ท่านได้นำ{delegation_title}เดินทางมาเยือนนครเกาสง เป็นเกียรติอย่างยิ่งที่ได้ต้อนรับท่านและคณะ\n\n"
        "การหารือด้านการท่องเที่ยว อุตสาหกรรม และการแลกเปลี่ยนเยาวชนเกิดประโยชน์อย่างยิ่ง และหวังว่าความสัมพันธ์"
        "ระหว่าง{partner_name}และนครเกาสงจะใกล้ชิดยิ่งขึ้น\n\n"
        "ขอแสดงความนับถือ",
    ),
]
