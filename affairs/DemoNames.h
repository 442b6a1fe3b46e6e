#pragma once

#include <array>
#include <string_view>

// Word lists for generated demo data. Person names combine common given and
// family names at random, so they name no real person.
namespace majlis::affairs::demo {

struct Name {
    std::string_view ar;
    std::string_view en;
};

inline constexpr std::array kMenGivenNames = {
    Name{"محمد", "Mohammed"}, Name{"عبدالله", "Abdullah"}, Name{"عبدالرحمن", "Abdulrahman"}, Name{"فهد", "Fahd"},
    Name{"سعد", "Saad"}, Name{"خالد", "Khalid"}, Name{"سلطان", "Sultan"}, Name{"ناصر", "Nasser"},
    Name{"عبدالعزيز", "Abdulaziz"}, Name{"سعود", "Saud"}, Name{"فيصل", "Faisal"}, Name{"تركي", "Turki"},
    Name{"بندر", "Bandar"}, Name{"ماجد", "Majed"}, Name{"يوسف", "Yousef"}, Name{"إبراهيم", "Ibrahim"},
    Name{"أحمد", "Ahmed"}, Name{"عمر", "Omar"}, Name{"علي", "Ali"}, Name{"حمد", "Hamad"}, Name{"منصور", "Mansour"},
    Name{"نايف", "Naif"}, Name{"مشعل", "Mishal"}, Name{"صالح", "Saleh"}, Name{"عادل", "Adel"}, Name{"طلال", "Talal"},
    Name{"بدر", "Badr"}, Name{"راشد", "Rashid"}, Name{"عبدالمجيد", "Abdulmajeed"}, Name{"وليد", "Waleed"},
};

inline constexpr std::array kWomenGivenNames = {
    Name{"نورة", "Noura"}, Name{"سارة", "Sara"}, Name{"هيفاء", "Haifa"}, Name{"لطيفة", "Latifa"}, Name{"منى", "Mona"},
    Name{"ريم", "Reem"}, Name{"أمل", "Amal"}, Name{"هند", "Hind"}, Name{"مها", "Maha"}, Name{"الجوهرة", "Aljawhara"},
};

inline constexpr std::array kFamilyNames = {
    Name{"العتيبي", "Alotaibi"}, Name{"القحطاني", "Alqahtani"}, Name{"الشمري", "Alshammari"},
    Name{"الدوسري", "Aldosari"}, Name{"الغامدي", "Alghamdi"}, Name{"الزهراني", "Alzahrani"}, Name{"الحربي", "Alharbi"},
    Name{"المطيري", "Almutairi"}, Name{"العنزي", "Alanazi"}, Name{"السبيعي", "Alsubaie"}, Name{"الشهري", "Alshehri"},
    Name{"العمري", "Alomari"}, Name{"المالكي", "Almalki"}, Name{"الرشيدي", "Alrashidi"}, Name{"البقمي", "Albaqami"},
    Name{"السهلي", "Alsahli"}, Name{"الجهني", "Aljuhani"}, Name{"البلوي", "Albalawi"}, Name{"العسيري", "Alasiri"},
    Name{"الأحمدي", "Alahmadi"}, Name{"الخالدي", "Alkhalidi"}, Name{"التميمي", "Altamimi"}, Name{"الشهراني", "Alshahrani"},
    Name{"اليامي", "Alyami"}, Name{"الرويلي", "Alruwaili"}, Name{"الهاجري", "Alhajri"}, Name{"المري", "Almarri"},
};

// Municipalities of each region (public place names) for generated councils.
struct RegionTowns {
    std::string_view region;
    std::array<Name, 12> towns; // unused slots are empty
};

inline constexpr std::array kTowns = {
    RegionTowns{"RD", {{{"الدرعية", "Diriyah"}, {"الخرج", "Al-Kharj"}, {"الدوادمي", "Dawadmi"}, {"المجمعة", "Majmaah"},
                          {"القويعية", "Quwayiyah"}, {"وادي الدواسر", "Wadi ad-Dawasir"}, {"الأفلاج", "Al-Aflaj"},
                          {"الزلفي", "Az-Zulfi"}, {"شقراء", "Shaqra"}, {"عفيف", "Afif"}, {"السليل", "As-Sulayyil"},
                          {"حريملاء", "Huraymila"}}}},
    RegionTowns{"MQ", {{{"رابغ", "Rabigh"}, {"القنفذة", "Al-Qunfudhah"}, {"الليث", "Al-Lith"}, {"الجموم", "Al-Jumum"},
                          {"خليص", "Khulais"}, {"الكامل", "Al-Kamil"}, {"الخرمة", "Al-Khurmah"}, {"رنية", "Ranyah"},
                          {"تربة", "Turabah"}, {"المويه", "Al-Muwayh"}, {"ميسان", "Maysan"}, {"أضم", "Adham"}}}},
    RegionTowns{"MN", {{{"ينبع", "Yanbu"}, {"العلا", "AlUla"}, {"المهد", "Al-Mahd"}, {"بدر", "Badr"}, {"خيبر", "Khaybar"},
                          {"الحناكية", "Al-Hinakiyah"}, {"العيص", "Al-Ais"}, {"وادي الفرع", "Wadi al-Fara"}}}},
    RegionTowns{"QA", {{{"عنيزة", "Unaizah"}, {"الرس", "Ar-Rass"}, {"المذنب", "Al-Mithnab"}, {"البكيرية", "Al-Bukayriyah"},
                          {"البدائع", "Al-Badaye"}, {"الأسياح", "Al-Asyah"}, {"النبهانية", "An-Nabhaniyah"},
                          {"عيون الجواء", "Uyun al-Jiwa"}, {"رياض الخبراء", "Riyadh al-Khabra"}, {"الشماسية", "Ash-Shimasiyah"}}}},
    RegionTowns{"SQ", {{{"الجبيل", "Jubail"}, {"الخبر", "Al-Khobar"}, {"القطيف", "Qatif"}, {"الخفجي", "Khafji"},
                          {"رأس تنورة", "Ras Tanura"}, {"بقيق", "Abqaiq"}, {"النعيرية", "An-Nuayriyah"},
                          {"قرية العليا", "Qaryat al-Ulya"}}}},
    RegionTowns{"AS", {{{"خميس مشيط", "Khamis Mushait"}, {"بيشة", "Bisha"}, {"النماص", "An-Namas"}, {"محايل", "Muhayil"},
                          {"سراة عبيدة", "Sarat Abidah"}, {"تثليث", "Tathlith"}, {"رجال ألمع", "Rijal Almaa"},
                          {"أحد رفيدة", "Ahad Rafidah"}, {"ظهران الجنوب", "Dhahran al-Janub"}, {"بلقرن", "Balqarn"},
                          {"المجاردة", "Al-Majardah"}}}},
    RegionTowns{"TB", {{{"الوجه", "Al-Wajh"}, {"ضباء", "Duba"}, {"تيماء", "Tayma"}, {"أملج", "Umluj"}, {"حقل", "Haql"},
                          {"البدع", "Al-Bad"}}}},
    RegionTowns{"HA", {{{"بقعاء", "Baqaa"}, {"الغزالة", "Al-Ghazalah"}, {"الشنان", "Ash-Shinan"}, {"الحائط", "Al-Hait"},
                          {"السليمي", "As-Sulaymi"}, {"موقق", "Mawqaq"}, {"سميراء", "Samira"}}}},
    RegionTowns{"SH", {{{"رفحاء", "Rafha"}, {"طريف", "Turaif"}, {"العويقيلة", "Al-Uwayqilah"}}}},
    RegionTowns{"GA", {{{"صبيا", "Sabya"}, {"أبو عريش", "Abu Arish"}, {"صامطة", "Samtah"}, {"بيش", "Baish"},
                          {"الدرب", "Ad-Darb"}, {"الحرث", "Al-Harth"}, {"ضمد", "Damad"}, {"الريث", "Ar-Rayth"},
                          {"العارضة", "Al-Aridhah"}, {"فرسان", "Farasan"}, {"الداير", "Ad-Dayer"},
                          {"أحد المسارحة", "Ahad al-Masarihah"}}}},
    RegionTowns{"NG", {{{"شرورة", "Sharurah"}, {"حبونا", "Hubuna"}, {"بدر الجنوب", "Badr al-Janub"}, {"يدمة", "Yadamah"},
                          {"ثار", "Thar"}, {"خباش", "Khubash"}}}},
    RegionTowns{"BA", {{{"بلجرشي", "Baljurashi"}, {"المندق", "Al-Mandaq"}, {"المخواة", "Al-Makhwah"}, {"قلوة", "Qilwah"},
                          {"العقيق", "Al-Aqiq"}, {"القرى", "Al-Qura"}, {"الحجرة", "Al-Hajrah"}}}},
    RegionTowns{"GO", {{{"القريات", "Qurayyat"}, {"دومة الجندل", "Dumat al-Jandal"}, {"طبرجل", "Tabarjal"}}}},
};

inline constexpr std::array kCommittees = {
    std::string_view{"لجنة الميزانية والعقود"}, std::string_view{"لجنة الخدمات والمرافق"},
    std::string_view{"لجنة التخطيط والمشاريع"}, std::string_view{"لجنة المتابعة والرقابة"},
    std::string_view{"لجنة الاستثمار"}, std::string_view{"لجنة الشكاوى والمقترحات"},
};

// Agenda topics; a decision on an item is titled "قرار بشأن <topic>".
inline constexpr std::array kAgendaTopics = {
    std::string_view{"مشروع الميزانية السنوية للبلدية"}, std::string_view{"تقرير الأداء الربع السنوي للبلدية"},
    std::string_view{"اعتماد مخطط تقسيم أرض سكنية"}, std::string_view{"طلبات تسمية الشوارع والميادين"},
    std::string_view{"خطة صيانة الطرق والأرصفة"}, std::string_view{"مشاريع الحدائق والمتنزهات العامة"},
    std::string_view{"شكاوى المواطنين المحالة إلى المجلس"}, std::string_view{"لائحة الرسوم والغرامات البلدية"},
    std::string_view{"مستوى خدمات النظافة العامة"}, std::string_view{"مشروع تصريف مياه الأمطار"},
    std::string_view{"تراخيص المحلات التجارية"}, std::string_view{"الحملات الرقابية على الأسواق"},
    std::string_view{"خطة المشاريع التنموية للعام القادم"}, std::string_view{"استثمار الأراضي البلدية"},
    std::string_view{"إنارة الطرق والأحياء"}, std::string_view{"تقرير الحساب الختامي"},
};

inline constexpr std::array kResolutions = {
    std::string_view{"الموافقة على"}, std::string_view{"التوصية بدراسة"}, std::string_view{"إحالة إلى اللجنة المختصة"},
    std::string_view{"اعتماد"}, std::string_view{"طلب إيضاحات من البلدية عن"},
};

inline constexpr std::array kSubmissionTopics = {
    std::string_view{"طلب رصف طريق في الحي"}, std::string_view{"شكوى من تجمع النفايات"},
    std::string_view{"اقتراح إنشاء حديقة للأطفال"}, std::string_view{"طلب إنارة شارع"},
    std::string_view{"شكوى من تسرب مياه الأمطار"}, std::string_view{"اقتراح تنظيم مواقف السيارات"},
    std::string_view{"طلب صيانة رصيف"}, std::string_view{"شكوى من ضوضاء ورشة"},
};

} // namespace majlis::affairs::demo
