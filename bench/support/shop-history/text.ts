import type { Random } from './random.js';

// Words for titles, descriptions and reviews: text of realistic length, so that documents, search
// vectors and payloads weigh what they would in a shop.

const SYLLABLES = ['ac', 'ma', 'no', 'vi', 'tek', 'lu', 'ra', 'zen', 'or', 'pix', 'sol', 'ka', 'do', 'mi', 'ter', 'qu', 'ex', 'fi'];
export const ADJECTIVES = ['Wireless', 'Compact', 'Classic', 'Ultra', 'Smart', 'Organic', 'Portable', 'Premium', 'Eco', 'Pro', 'Mini', 'Deluxe', 'Vintage', 'Rugged', 'Slim'];
export const NOUNS = [
  'Headphones', 'Speaker', 'Backpack', 'Jacket', 'Kettle', 'Blender', 'Lamp', 'Sneakers', 'Watch', 'Camera', 'Notebook', 'Mug',
  'Chair', 'Desk', 'Tent', 'Bottle', 'Charger', 'Keyboard', 'Mouse', 'Monitor', 'Sofa', 'Pillow', 'Towel', 'Helmet', 'Drill',
];
const FILLER = [
  'designed', 'for', 'everyday', 'use', 'with', 'durable', 'materials', 'and', 'a', 'lightweight', 'build', 'that', 'lasts',
  'comfortable', 'fit', 'easy', 'to', 'clean', 'quality', 'finish', 'perfect', 'gift', 'home', 'travel', 'office', 'outdoor',
  'battery', 'life', 'warranty', 'included', 'sustainably', 'sourced', 'premium', 'performance', 'the', 'of', 'in', 'great',
];
export const COLORS = ['black', 'white', 'red', 'blue', 'green', 'grey', 'navy', 'beige'];
export const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
export const CARRIERS = ['DHL', 'UPS', 'FedEx', 'USPS', 'DPD'];
const FIRST = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'John', 'Edsger', 'Radia'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Backus'];
const STREETS = ['Main St', 'High St', 'Market Rd', 'Station Ave', 'Park Lane', 'Church St', 'Mill Rd'];
const CITIES = ['Springfield', 'Riverton', 'Lakeside', 'Hillview', 'Fairfield', 'Oakdale', 'Greenville'];

export function brandNames(random: Random, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const name = Array.from({ length: random.int(2, 3) }, () => random.pick(SYLLABLES)).join('');
    names.add(name[0]!.toUpperCase() + name.slice(1));
  }
  return [...names];
}

export const title = (random: Random, brand: string): string =>
  `${brand} ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)} ${random.letters(1).toUpperCase()}${random.int(10, 990)}`;

export function sentences(random: Random, minWords: number, maxWords: number): string {
  const text = random.words(FILLER, random.int(minWords, maxWords));
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

export const personName = (random: Random): string => `${random.pick(FIRST)} ${random.pick(LAST)}`;

export const address = (random: Random, name: string, country: string) => ({
  name,
  line1: `${random.int(1, 999)} ${random.pick(STREETS)}`,
  city: random.pick(CITIES),
  postalCode: String(random.int(10000, 99999)),
  country,
});
