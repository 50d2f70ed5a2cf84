"""Short news texts in our seven languages, written for bench/language_detection.py.

Each entry is (expected code, kind, text). Kinds: "short" is a headline and a first
sentence, "para" a paragraph, "vi-plain" Vietnamese typed without diacritics,
"en-names" English full of Vietnamese names. All of them are our own words.
"""

from __future__ import annotations

SAMPLES: tuple[tuple[str, str, str], ...] = (
    # --- English ---------------------------------------------------------------
    (
        "en",
        "short",
        "Prime Minister arrives in Jakarta for two-day visit\n"
        "The Prime Minister landed in Jakarta on Monday evening at the start of an "
        "official visit at the invitation of the Indonesian President.",
    ),
    (
        "en",
        "short",
        "Leaders sign trade pact in Canberra\n"
        "The two governments signed six cooperation documents on Tuesday after talks "
        "on energy, education and defence.",
    ),
    (
        "en",
        "short",
        "Foreign Minister holds phone call with German counterpart\n"
        "The two ministers spoke by telephone on Friday about the coming summit.",
    ),
    (
        "en",
        "para",
        "The President was welcomed with a guard of honour at the presidential palace on "
        "Wednesday morning. In their talks the two leaders agreed to raise their relations "
        "to a comprehensive strategic partnership, to double two-way trade within five "
        "years and to open a direct flight between their capitals. They also witnessed the "
        "signing of agreements on digital transformation, health care and the training of "
        "teachers, and issued a joint statement on the situation in the region.",
    ),
    (
        "en",
        "para",
        "During his stay in Seoul the minister will meet the speaker of the National "
        "Assembly and business leaders, and visit a shipyard on the southern coast. The trip "
        "is his first to the country since he took office last year, and officials said it "
        "would prepare a state visit planned for the autumn.",
    ),
    (
        "en",
        "en-names",
        "Nguyen Thi Thanh meets Pham Minh Chinh and Tran Thanh Man in Hanoi\n"
        "Vice President Vo Thi Anh Xuan and Deputy Prime Minister Bui Thanh Son received "
        "Le Hoai Trung and Nguyen Chi Dung at the Phu Chu Tich on Thursday.",
    ),
    (
        "en",
        "en-names",
        "To Lam received Luong Cuong, Nguyen Van Nen and Phan Van Giang, before Dinh Tien "
        "Dung and Tran Cam Tu joined the talks with Hun Manet in Ha Noi.",
    ),
    (
        "en",
        "en-names",
        "General Secretary Nguyen Phu Trong and Vuong Dinh Hue welcomed Sonexay Siphandone "
        "at the Ba Dinh Hall, where Nguyen Xuan Phuc and Truong Thi Mai also spoke.",
    ),
    # --- Vietnamese --------------------------------------------------------------
    (
        "vi",
        "short",
        "Thủ tướng hội đàm với Thủ tướng Thái Lan\n"
        "Chiều 12/3, tại Trụ sở Chính phủ, Thủ tướng đã hội đàm với Thủ tướng Thái Lan "
        "nhân chuyến thăm chính thức Việt Nam.",
    ),
    (
        "vi",
        "short",
        "Chủ tịch nước tiếp Đại sứ Nhật Bản\n"
        "Sáng nay, Chủ tịch nước đã tiếp Đại sứ Nhật Bản đến chào từ biệt khi kết thúc "
        "nhiệm kỳ công tác.",
    ),
    (
        "vi",
        "para",
        "Hai bên nhất trí nâng cấp quan hệ lên Đối tác chiến lược toàn diện, tăng cường "
        "hợp tác về kinh tế, thương mại, đầu tư và giáo dục. Sau hội đàm, hai nhà lãnh đạo "
        "đã chứng kiến lễ ký kết các văn kiện hợp tác trong lĩnh vực năng lượng, nông "
        "nghiệp và chuyển đổi số, đồng thời ra Tuyên bố chung về việc nâng cấp quan hệ.",
    ),
    (
        "vi",
        "para",
        "Trong khuôn khổ chuyến thăm, Tổng Bí thư sẽ gặp lãnh đạo cấp cao của nước bạn, "
        "thăm một số địa phương và gặp gỡ cộng đồng người Việt Nam đang sinh sống, làm "
        "việc tại đây.",
    ),
    (
        "vi",
        "vi-plain",
        "Thu tuong hoi dam voi Thu tuong Malaysia\n"
        "Chieu 5/4, tai Putrajaya, Thu tuong da hoi dam voi Thu tuong Malaysia trong "
        "khuon kho chuyen tham chinh thuc.",
    ),
    (
        "vi",
        "vi-plain",
        "Hai ben nhat tri tang cuong hop tac kinh te, thuong mai va dau tu, dong thoi "
        "chung kien le ky ket cac van kien hop tac ve giao duc va y te.",
    ),
    (
        "vi",
        "vi-plain",
        "Chu tich nuoc tiep Bo truong Ngoai giao Han Quoc tai Phu Chu tich",
    ),
    # --- French -------------------------------------------------------------------
    (
        "fr",
        "short",
        "Le Premier ministre en visite officielle au Japon\n"
        "Le Premier ministre est arrivé lundi à Tokyo pour une visite officielle de trois "
        "jours à l'invitation de son homologue japonais.",
    ),
    (
        "fr",
        "short",
        "Entretien téléphonique entre les deux ministres des Affaires étrangères\n"
        "Les deux ministres se sont entretenus vendredi par téléphone de la préparation du "
        "sommet.",
    ),
    (
        "fr",
        "short",
        "Le président reçoit l'ambassadeur d'Allemagne\n"
        "Le chef de l'État a reçu mardi à Hanoï le nouvel ambassadeur d'Allemagne.",
    ),
    (
        "fr",
        "para",
        "À l'issue de leurs entretiens, les deux dirigeants ont décidé d'élever les "
        "relations bilatérales au rang de partenariat stratégique global. Ils ont assisté à "
        "la signature de plusieurs accords de coopération dans les domaines de l'énergie, "
        "de l'éducation et de la santé, et ont publié une déclaration commune sur la "
        "situation régionale.",
    ),
    (
        "fr",
        "para",
        "Au cours de son séjour, le secrétaire général rencontrera les dirigeants du pays "
        "hôte, visitera plusieurs provinces et s'adressera à la communauté vietnamienne "
        "installée dans la capitale.",
    ),
    # --- Spanish --------------------------------------------------------------------
    (
        "es",
        "short",
        "El primer ministro llega a Buenos Aires en visita oficial\n"
        "El primer ministro llegó el lunes a Buenos Aires para una visita oficial de dos "
        "días por invitación del presidente argentino.",
    ),
    (
        "es",
        "short",
        "Los cancilleres conversan por teléfono\n"
        "Los dos ministros de Relaciones Exteriores conversaron el viernes sobre la "
        "próxima cumbre.",
    ),
    (
        "es",
        "short",
        "Vietnam y Chile firman seis acuerdos de cooperación",
    ),
    (
        "es",
        "para",
        "Tras las conversaciones, ambos mandatarios acordaron elevar las relaciones a una "
        "asociación estratégica integral y presenciaron la firma de varios documentos de "
        "cooperación en materia de energía, educación y salud. Además, emitieron una "
        "declaración conjunta sobre la situación de la región.",
    ),
    (
        "es",
        "para",
        "Durante su estancia en Madrid, la vicepresidenta se reunirá con el presidente del "
        "Gobierno y con empresarios, y visitará un puerto en la costa mediterránea.",
    ),
    # --- Portuguese -------------------------------------------------------------------
    (
        "pt",
        "short",
        "Presidente chega a Brasília para visita de Estado\n"
        "O presidente chegou na segunda-feira a Brasília para uma visita de Estado de três "
        "dias a convite do presidente brasileiro.",
    ),
    (
        "pt",
        "short",
        "Chanceleres conversam por telefone sobre a cúpula\n"
        "Os dois ministros das Relações Exteriores falaram por telefone na sexta-feira.",
    ),
    (
        "pt",
        "short",
        "Brasil e Vietnã assinam acordos de cooperação",
    ),
    (
        "pt",
        "para",
        "Após as conversações, os dois líderes decidiram elevar as relações a uma parceria "
        "estratégica abrangente e assistiram à assinatura de acordos de cooperação nas "
        "áreas de energia, educação e saúde. Também divulgaram uma declaração conjunta "
        "sobre a situação regional.",
    ),
    (
        "pt",
        "para",
        "Durante a sua estadia em Lisboa, o ministro vai encontrar-se com o primeiro-ministro "
        "e com empresários portugueses, e visitará o porto de Sines.",
    ),
    # --- Indonesian ---------------------------------------------------------------------
    (
        "id",
        "short",
        "Presiden tiba di Hanoi untuk kunjungan kenegaraan\n"
        "Presiden tiba di Hanoi pada Senin malam untuk kunjungan kenegaraan selama dua "
        "hari atas undangan Presiden Vietnam.",
    ),
    (
        "id",
        "short",
        "Menteri Luar Negeri bertelepon dengan mitranya dari Jerman\n"
        "Kedua menteri berbicara melalui telepon pada hari Jumat mengenai persiapan KTT.",
    ),
    (
        "id",
        "short",
        "Indonesia dan Vietnam tandatangani nota kesepahaman",
    ),
    (
        "id",
        "para",
        "Usai pertemuan bilateral, kedua pemimpin sepakat meningkatkan hubungan menjadi "
        "kemitraan strategis komprehensif dan menyaksikan penandatanganan sejumlah nota "
        "kesepahaman di bidang energi, pendidikan dan kesehatan. Keduanya juga mengeluarkan "
        "pernyataan bersama tentang situasi kawasan.",
    ),
    (
        "id",
        "para",
        "Selama berada di Tokyo, Menteri akan bertemu dengan Perdana Menteri Jepang dan para "
        "pengusaha, serta mengunjungi sebuah galangan kapal.",
    ),
    # --- German -------------------------------------------------------------------------
    (
        "de",
        "short",
        "Bundeskanzler zu Besuch in Vietnam\n"
        "Der Bundeskanzler ist am Montag zu einem zweitägigen offiziellen Besuch in Hanoi "
        "eingetroffen.",
    ),
    (
        "de",
        "short",
        "Außenminister telefonieren vor dem Gipfel\n"
        "Die beiden Außenminister haben am Freitag miteinander telefoniert.",
    ),
    (
        "de",
        "short",
        "Deutschland und Indonesien unterzeichnen Abkommen",
    ),
    (
        "de",
        "para",
        "Nach den Gesprächen vereinbarten beide Regierungschefs, die Beziehungen zu einer "
        "umfassenden strategischen Partnerschaft aufzuwerten. Sie unterzeichneten mehrere "
        "Abkommen über Zusammenarbeit in den Bereichen Energie, Bildung und Gesundheit und "
        "veröffentlichten eine gemeinsame Erklärung zur Lage in der Region.",
    ),
    (
        "de",
        "para",
        "Während seines Aufenthalts in Berlin wird der Minister auch mit Vertretern der "
        "Wirtschaft zusammentreffen und einen Hafen an der Ostsee besichtigen.",
    ),
    # --- Headlines alone: the hardest, a few words and many names ---------------------
    ("en", "headline", "Vietnamese, Lao leaders hold talks in Vientiane"),
    ("en", "headline", "PM Chinh meets Malaysian counterpart Anwar Ibrahim"),
    ("en", "headline", "Viet Nam, Brazil upgrade ties"),
    ("vi", "headline", "Thủ tướng Phạm Minh Chính hội kiến Tổng thống Brazil"),
    ("vi", "headline", "Việt Nam - Indonesia ra Tuyên bố chung"),
    ("vi", "vi-plain", "Tong Bi thu To Lam tiep Dai su Duc"),
    ("vi", "vi-plain", "Viet Nam va Brazil nang cap quan he"),
    ("fr", "headline", "Visite d'État du président vietnamien en France"),
    ("fr", "headline", "Le Vietnam et l'Indonésie signent un accord"),
    ("fr", "headline", "Pham Minh Chinh rencontre son homologue malaisien"),
    ("es", "headline", "Visita de Estado del presidente de Vietnam a México"),
    ("es", "headline", "Pham Minh Chinh se reúne con el presidente de Brasil"),
    ("es", "headline", "Vietnam y Argentina elevan sus relaciones"),
    ("pt", "headline", "Visita de Estado do presidente do Vietnã ao Brasil"),
    ("pt", "headline", "Lula recebe o primeiro-ministro Pham Minh Chinh"),
    ("pt", "headline", "Brasil e Vietnã elevam as relações"),
    ("id", "headline", "Prabowo terima kunjungan Perdana Menteri Vietnam"),
    ("id", "headline", "Indonesia-Vietnam sepakat tingkatkan kerja sama"),
    ("id", "headline", "Kunjungan kenegaraan Presiden Vietnam ke Jakarta"),
    ("de", "headline", "Staatsbesuch des vietnamesischen Präsidenten in Berlin"),
    ("de", "headline", "Scholz empfängt Pham Minh Chinh im Kanzleramt"),
    ("de", "headline", "Vietnam und Deutschland vertiefen Partnerschaft"),
    (
        "pt",
        "short",
        "Presidente do Vietnã visita Portugal\n"
        "O presidente vietnamita iniciou hoje uma visita oficial a Portugal, onde será "
        "recebido pelo Presidente da República.",
    ),
    (
        "es",
        "short",
        "El presidente de Vietnam visita España\n"
        "El presidente vietnamita inició hoy una visita oficial a España, donde será "
        "recibido por el rey.",
    ),
    (
        "en",
        "en-names",
        "Nguyen Hoa Binh, Tran Hong Ha and Ho Duc Phoc received Ly Quang Vinh in Ha Noi",
    ),
)
