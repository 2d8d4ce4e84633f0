//! Names, places and phone formats of the demo shop's four communities. Each name comes with a Latin
//! spelling for the email address.

/// One community: its country, language, cities, phone prefix and names.
pub(crate) struct Locale {
    pub country: &'static str,
    pub language: &'static str,
    pub cities: &'static [(&'static str, &'static str)],
    pub phone_prefix: &'static str,
    pub female: &'static [(&'static str, &'static str)],
    pub male: &'static [(&'static str, &'static str)],
    pub last: &'static [(&'static str, &'static str)],
    pub companies: &'static [&'static str],
    pub email_domain: &'static str,
}

pub(crate) const LOCALES: &[Locale] = &[
    Locale {
        country: "IL",
        language: "he",
        cities: &[("תל אביב", "Tel Aviv District"), ("ירושלים", "Jerusalem District"), ("חיפה", "Haifa District"), ("באר שבע", "Southern District"), ("רמת גן", "Tel Aviv District"), ("נתניה", "Central District"), ("ראשון לציון", "Central District")],
        phone_prefix: "+972 5",
        female: &[("נועה", "noa"), ("תמר", "tamar"), ("מיכל", "michal"), ("שירה", "shira"), ("יעל", "yael"), ("דנה", "dana"), ("רותם", "rotem"), ("אביגיל", "avigail"), ("הילה", "hila"), ("ליאת", "liat"), ("מאיה", "maya"), ("אורית", "orit")],
        male: &[("יוסי", "yossi"), ("דוד", "david"), ("איתי", "itai"), ("אורי", "ori"), ("נועם", "noam"), ("עומר", "omer"), ("אבי", "avi"), ("משה", "moshe"), ("יונתן", "yonatan"), ("גיל", "gil"), ("רון", "ron"), ("עידו", "ido")],
        last: &[("כהן", "cohen"), ("לוי", "levi"), ("מזרחי", "mizrahi"), ("פרץ", "peretz"), ("ביטון", "biton"), ("אברהם", "avraham"), ("פרידמן", "friedman"), ("שפירא", "shapira"), ("אזולאי", "azoulay"), ("גולן", "golan"), ("בן דוד", "bendavid"), ("רוזן", "rosen")],
        companies: &["קפה השכונה בע\"מ", "סטודיו אורן", "מאפיית הגליל", "משרד עו\"ד לוין"],
        email_domain: "example.co.il",
    },
    Locale {
        country: "IR",
        language: "fa",
        cities: &[("تهران", "Tehran"), ("اصفهان", "Isfahan"), ("شیراز", "Fars"), ("تبریز", "East Azerbaijan"), ("مشهد", "Razavi Khorasan"), ("کرج", "Alborz"), ("رشت", "Gilan")],
        phone_prefix: "+98 91",
        female: &[("مریم", "maryam"), ("زهرا", "zahra"), ("فاطمه", "fatemeh"), ("سارا", "sara"), ("نرگس", "narges"), ("لیلا", "leila"), ("شیرین", "shirin"), ("پریسا", "parisa"), ("مهسا", "mahsa"), ("نازنین", "nazanin"), ("آزاده", "azadeh"), ("یاسمن", "yasaman")],
        male: &[("علی", "ali"), ("محمد", "mohammad"), ("رضا", "reza"), ("حسین", "hossein"), ("امیر", "amir"), ("مهدی", "mehdi"), ("کامران", "kamran"), ("بهرام", "bahram"), ("آرش", "arash"), ("داریوش", "dariush"), ("سینا", "sina"), ("پویا", "pouya")],
        last: &[("احمدی", "ahmadi"), ("حسینی", "hosseini"), ("رضایی", "rezaei"), ("محمدی", "mohammadi"), ("کریمی", "karimi"), ("موسوی", "mousavi"), ("جعفری", "jafari"), ("نوری", "nouri"), ("صادقی", "sadeghi"), ("طاهری", "taheri"), ("رحیمی", "rahimi"), ("تهرانی", "tehrani")],
        companies: &["کافه نارنج", "شرکت پارس نوین", "کتابفروشی شهر", "گالری آبی"],
        email_domain: "example.ir",
    },
    Locale {
        country: "RU",
        language: "ru",
        cities: &[("Москва", "Moscow"), ("Санкт-Петербург", "Saint Petersburg"), ("Казань", "Tatarstan"), ("Новосибирск", "Novosibirsk Oblast"), ("Екатеринбург", "Sverdlovsk Oblast"), ("Нижний Новгород", "Nizhny Novgorod Oblast"), ("Самара", "Samara Oblast")],
        phone_prefix: "+7 9",
        female: &[("Анна", "anna"), ("Мария", "maria"), ("Елена", "elena"), ("Ольга", "olga"), ("Наталья", "natalia"), ("Татьяна", "tatiana"), ("Ирина", "irina"), ("Екатерина", "ekaterina"), ("Светлана", "svetlana"), ("Юлия", "yulia"), ("Дарья", "daria"), ("Ксения", "ksenia")],
        male: &[("Александр", "alexander"), ("Дмитрий", "dmitry"), ("Сергей", "sergey"), ("Андрей", "andrey"), ("Алексей", "alexey"), ("Иван", "ivan"), ("Михаил", "mikhail"), ("Николай", "nikolay"), ("Павел", "pavel"), ("Артём", "artyom"), ("Владимир", "vladimir"), ("Егор", "egor")],
        last: &[("Иванов", "ivanov"), ("Смирнов", "smirnov"), ("Кузнецов", "kuznetsov"), ("Попов", "popov"), ("Васильев", "vasiliev"), ("Петров", "petrov"), ("Соколов", "sokolov"), ("Михайлов", "mikhailov"), ("Новиков", "novikov"), ("Фёдоров", "fedorov"), ("Морозов", "morozov"), ("Волков", "volkov")],
        companies: &["ООО «Северный кофе»", "ИП Орлова", "Студия «Пион»", "ООО «Книжный двор»"],
        email_domain: "example.ru",
    },
    Locale {
        country: "GB",
        language: "en",
        cities: &[("London", "England"), ("Manchester", "England"), ("Edinburgh", "Scotland"), ("Bristol", "England"), ("Leeds", "England"), ("Cardiff", "Wales"), ("Glasgow", "Scotland")],
        phone_prefix: "+44 7",
        female: &[("Olivia", "olivia"), ("Emma", "emma"), ("Sophie", "sophie"), ("Grace", "grace"), ("Chloe", "chloe"), ("Emily", "emily"), ("Hannah", "hannah"), ("Lucy", "lucy"), ("Isla", "isla"), ("Amelia", "amelia"), ("Charlotte", "charlotte"), ("Ruby", "ruby")],
        male: &[("Oliver", "oliver"), ("Jack", "jack"), ("Harry", "harry"), ("George", "george"), ("Thomas", "thomas"), ("James", "james"), ("William", "william"), ("Noah", "noah"), ("Leo", "leo"), ("Oscar", "oscar"), ("Samuel", "samuel"), ("Daniel", "daniel")],
        last: &[("Smith", "smith"), ("Jones", "jones"), ("Taylor", "taylor"), ("Brown", "brown"), ("Williams", "williams"), ("Wilson", "wilson"), ("Johnson", "johnson"), ("Davies", "davies"), ("Evans", "evans"), ("Walker", "walker"), ("Wright", "wright"), ("Thompson", "thompson")],
        companies: &["Corner Café Ltd", "Brightside Studio", "Oak & Ink Books", "Harbour Florists"],
        email_domain: "example.co.uk",
    },
];

pub(crate) const PROFESSIONS: &[&str] = &["teacher", "engineer", "nurse", "designer", "student", "accountant", "chef", "lawyer", "developer", "doctor", "architect", "retired"];
pub(crate) const INDUSTRIES: &[&str] = &["hospitality", "retail", "education", "legal", "creative"];
pub(crate) const INCOME_BANDS: &[&str] = &["low", "middle", "upper_middle", "high"];
