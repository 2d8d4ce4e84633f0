//! The demo shop's catalogue: coffee and tea that people run out of, kitchenware and books bought now and
//! then, gifts, and costumes that nobody buys twice.

/// A product: SKU, name, category and price in minor units.
pub(crate) struct Product {
    pub sku: &'static str,
    pub name: &'static str,
    pub category: &'static str,
    pub price_minor: i64,
}

macro_rules! products {
    ($($sku:literal, $name:literal, $cat:literal, $price:literal;)+) => {
        &[$(Product { sku: $sku, name: $name, category: $cat, price_minor: $price }),+]
    };
}

pub(crate) const PRODUCTS: &[Product] = products![
    "COF-ESP-250", "Espresso beans 250 g", "coffee", 1290;
    "COF-ETH-250", "Ethiopia Yirgacheffe 250 g", "coffee", 1590;
    "COF-COL-500", "Colombia Huila 500 g", "coffee", 2490;
    "COF-DEC-250", "Swiss water decaf 250 g", "coffee", 1390;
    "COF-CAP-30", "Lungo capsules, 30", "coffee", 990;
    "TEA-GRN-100", "Sencha green tea 100 g", "tea", 890;
    "TEA-BLK-100", "Assam breakfast tea 100 g", "tea", 790;
    "TEA-HRB-50", "Mint and lemon verbena 50 g", "tea", 690;
    "TEA-CHA-200", "Masala chai blend 200 g", "tea", 1190;
    "KIT-MUG-01", "Stoneware mug", "kitchen", 1450;
    "KIT-GRD-01", "Hand grinder", "kitchen", 5900;
    "KIT-KTL-01", "Gooseneck kettle", "kitchen", 7900;
    "KIT-PRS-01", "French press 1 l", "kitchen", 3400;
    "KIT-FLT-100", "Paper filters, 100", "kitchen", 490;
    "BOK-WRD-01", "The World Atlas of Coffee", "books", 3200;
    "BOK-TEA-01", "The Tea Book", "books", 2400;
    "BOK-BAK-01", "Breakfast baking", "books", 2800;
    "SNK-BIS-01", "Almond biscotti", "snacks", 650;
    "SNK-CHO-01", "Dark chocolate 70 %", "snacks", 450;
    "SNK-DAT-01", "Medjool dates 500 g", "snacks", 1350;
    "GFT-BOX-S", "Gift box, small", "gifts", 3900;
    "GFT-BOX-L", "Gift box, large", "gifts", 8900;
    "GFT-CRD-50", "Gift card 50", "gifts", 5000;
    "CST-WCH-01", "Witch costume", "costumes", 4500;
    "CST-PRT-01", "Pirate costume", "costumes", 3900;
    "CST-QEN-01", "Queen Esther costume", "costumes", 4200;
    "CST-MSK-01", "Carnival mask", "costumes", 1500;
];

/// Categories that regulars buy from, and that event buyers never come back for.
pub(crate) const EVERYDAY: &[&str] = &["coffee", "tea", "kitchen", "books", "snacks"];

pub(crate) fn in_category(category: &str) -> Vec<&'static Product> {
    PRODUCTS.iter().filter(|p| p.category == category).collect()
}
