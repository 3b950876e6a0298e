/**
 * The shape of the demo shop, written out by hand so that it reads like a real store: four
 * departments, their sections and the leaf categories products live in (34 categories, 3 levels),
 * what each leaf sells (nouns, price range, which attributes vary between its variants), and the
 * sellers who stock each department. `plan-demo-shop.ts` fills it with generated products.
 */

export type VariantAxis = 'apparelSize' | 'shoeSize' | 'colour' | 'storage' | 'capacity' | 'weight';

export interface LeafCategory {
  readonly name: string;
  /** What a product here is called ("T-Shirt", "Hoodie"): the last words of its title. */
  readonly nouns: readonly string[];
  /** Price range in minor units (USD cents). */
  readonly price: readonly [number, number];
  /** The attributes that tell this category's variants apart, in SKU order. */
  readonly axes: readonly VariantAxis[];
  /** Product-level attributes, one value picked per product. */
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
}

export interface Section {
  readonly name: string;
  readonly leaves: readonly LeafCategory[];
}

export interface Department {
  readonly name: string;
  /** Index into `demoSellers`: who sells this department's goods (the first seller most). */
  readonly sellers: readonly number[];
  readonly brands: readonly string[];
  readonly sections: readonly Section[];
}

const fabric = { material: ['cotton', 'organic cotton', 'linen', 'recycled polyester', 'merino wool'] };

export const demoDepartments: readonly Department[] = [
  {
    name: 'Clothing & Shoes',
    sellers: [0, 4],
    brands: ['Northwind', 'Fjordline', 'Urban Thread', 'Kestrel'],
    sections: [
      {
        name: 'Men',
        leaves: [
          { name: 'T-Shirts', nouns: ['T-Shirt', 'Crew Tee', 'Pocket Tee', 'Henley'], price: [1499, 3999], axes: ['colour', 'apparelSize'], attributes: fabric },
          { name: 'Jeans', nouns: ['Slim Jeans', 'Straight Jeans', 'Chinos', 'Carpenter Pants'], price: [3999, 9999], axes: ['colour', 'apparelSize'], attributes: { fit: ['slim', 'regular', 'relaxed'] } },
          { name: 'Jackets', nouns: ['Rain Jacket', 'Puffer Jacket', 'Denim Jacket', 'Fleece'], price: [5999, 19999], axes: ['colour', 'apparelSize'], attributes: { waterproof: ['yes', 'no'] } },
        ],
      },
      {
        name: 'Women',
        leaves: [
          { name: 'Dresses', nouns: ['Wrap Dress', 'Midi Dress', 'Shirt Dress', 'Sundress'], price: [3499, 12999], axes: ['colour', 'apparelSize'], attributes: fabric },
          { name: 'Tops', nouns: ['Blouse', 'Tank Top', 'Knit Sweater', 'Cardigan'], price: [1999, 6999], axes: ['colour', 'apparelSize'], attributes: fabric },
        ],
      },
      {
        name: 'Shoes',
        leaves: [
          { name: 'Running Shoes', nouns: ['Running Shoes', 'Trail Runners', 'Racing Flats'], price: [6999, 17999], axes: ['colour', 'shoeSize'], attributes: { drop: ['4 mm', '8 mm', '10 mm'] } },
          { name: 'Sneakers', nouns: ['Sneakers', 'High-Tops', 'Slip-Ons'], price: [4999, 12999], axes: ['colour', 'shoeSize'] },
          { name: 'Boots', nouns: ['Hiking Boots', 'Chelsea Boots', 'Winter Boots'], price: [8999, 24999], axes: ['colour', 'shoeSize'], attributes: { waterproof: ['yes', 'no'] } },
        ],
      },
    ],
  },
  {
    name: 'Electronics',
    sellers: [1, 4],
    brands: ['Voltix', 'Aurora Audio', 'Helio', 'Quantix'],
    sections: [
      {
        name: 'Audio',
        leaves: [
          { name: 'Headphones', nouns: ['Wireless Headphones', 'Earbuds', 'Studio Headphones'], price: [2999, 34999], axes: ['colour'], attributes: { connectivity: ['Bluetooth 5.3', 'wired', 'Bluetooth + wired'] } },
          { name: 'Speakers', nouns: ['Bluetooth Speaker', 'Smart Speaker', 'Soundbar'], price: [3999, 49999], axes: ['colour'], attributes: { waterproof: ['IPX7', 'IPX4', 'no'] } },
        ],
      },
      {
        name: 'Computers',
        leaves: [
          { name: 'Laptops', nouns: ['Ultrabook', 'Laptop', 'Creator Laptop'], price: [69999, 249999], axes: ['storage'], attributes: { screen: ['13 inch', '14 inch', '16 inch'] } },
          { name: 'Keyboards', nouns: ['Mechanical Keyboard', 'Wireless Keyboard', 'Compact Keyboard'], price: [3999, 19999], axes: ['colour'], attributes: { layout: ['US', 'UK', 'ISO-DE'] } },
          { name: 'Monitors', nouns: ['4K Monitor', 'Curved Monitor', 'Portable Monitor'], price: [14999, 89999], axes: ['capacity'], attributes: { panel: ['IPS', 'OLED', 'VA'] } },
        ],
      },
      {
        name: 'Phone Accessories',
        leaves: [
          { name: 'Phone Cases', nouns: ['Phone Case', 'Wallet Case', 'Rugged Case'], price: [999, 4999], axes: ['colour'] },
          { name: 'Chargers', nouns: ['USB-C Charger', 'Wireless Charger', 'Power Bank'], price: [1499, 7999], axes: ['capacity'] },
        ],
      },
    ],
  },
  {
    name: 'Home & Kitchen',
    sellers: [2, 4],
    brands: ['Hearthstone', 'Copper & Oak', 'Barista Co.', 'Kinfolk'],
    sections: [
      {
        name: 'Kitchen',
        leaves: [
          { name: 'Cookware', nouns: ['Skillet', 'Dutch Oven', 'Saucepan', 'Wok'], price: [2499, 29999], axes: ['capacity'], attributes: { material: ['cast iron', 'stainless steel', 'carbon steel', 'enamelled cast iron'] } },
          { name: 'Coffee & Tea', nouns: ['Pour-Over Set', 'French Press', 'Burr Grinder', 'Tea Kettle'], price: [1999, 24999], axes: ['colour'] },
        ],
      },
    ],
  },
  {
    name: 'Sports & Outdoors',
    sellers: [3, 4],
    brands: ['Peak', 'Trailhead', 'Basecamp', 'Ridgeline'],
    sections: [
      {
        name: 'Fitness',
        leaves: [
          { name: 'Yoga', nouns: ['Yoga Mat', 'Yoga Block', 'Yoga Strap'], price: [999, 9999], axes: ['colour'] },
          { name: 'Weights', nouns: ['Dumbbell', 'Kettlebell', 'Weight Plate'], price: [1999, 14999], axes: ['weight'] },
        ],
      },
      {
        name: 'Camping',
        leaves: [
          { name: 'Tents', nouns: ['2-Person Tent', '4-Person Tent', 'Ultralight Tent'], price: [9999, 59999], axes: ['colour'], attributes: { season: ['3-season', '4-season'] } },
          { name: 'Backpacks', nouns: ['Daypack', 'Hiking Backpack', 'Travel Pack'], price: [4999, 29999], axes: ['capacity'] },
        ],
      },
    ],
  },
];

/** Values per variant axis, with the short code each adds to a SKU. */
export const axisValues: Readonly<Record<VariantAxis, readonly (readonly [value: string, code: string])[]>> = {
  apparelSize: [['S', 'S'], ['M', 'M'], ['L', 'L'], ['XL', 'XL']],
  shoeSize: [['40', '40'], ['41', '41'], ['42', '42'], ['43', '43'], ['44', '44'], ['45', '45']],
  colour: [['black', 'BLK'], ['white', 'WHT'], ['navy', 'NVY'], ['olive', 'OLV'], ['red', 'RED'], ['grey', 'GRY'], ['sand', 'SND']],
  storage: [['512 GB', '512'], ['1 TB', '1TB'], ['2 TB', '2TB']],
  capacity: [['small', 'SM'], ['medium', 'MD'], ['large', 'LG']],
  weight: [['5 kg', '5KG'], ['10 kg', '10KG'], ['15 kg', '15KG'], ['20 kg', '20KG']],
};

/** The attribute name each axis is recorded under on a variant. */
export const axisAttribute: Readonly<Record<VariantAxis, string>> = {
  apparelSize: 'size',
  shoeSize: 'size',
  colour: 'colour',
  storage: 'storage',
  capacity: 'size',
  weight: 'weight',
};

/** The sellers: the first is the documented demo seller (see demo-logins.ts). */
export const demoSellers = [
  { name: 'Northwind Outfitters', email: 'seller@example.com' },
  { name: 'Volt Electronics', email: 'volt@example.com' },
  { name: 'Hearth & Home', email: 'hearth@example.com' },
  { name: 'Peak Outdoor Co.', email: 'peak@example.com' },
  { name: 'General Goods', email: 'general@example.com' },
] as const;
