import type { SupplierFields } from '../../src/production-locations/supplier-matching/match-profile.js';

/**
 * A corpus of real-world spelling patterns of supplier entries (issue 16, tests and `npm run bench`). Each group
 * is one supplier as different companies write it: legal forms, transliterations, typos, word order,
 * "Plot"/"No."/"#", a missing postcode. Entries of different groups are different suppliers — several on purpose
 * close to another group (same street, same name in another city, a sister company next door). Written by hand:
 * the expected answer is the group, never computed by the code under test.
 */
export interface CorpusGroup {
  supplier: string;
  variants: SupplierFields[];
}

const v = (name: string, address: string, postcode: string | null, city: string, country: string, osId: string | null = null): SupplierFields =>
  ({ name, address, postcode, city, country, osId });

export const MATCH_CORPUS: CorpusGroup[] = [
  {
    supplier: 'Acme Foundry, Enschede',
    variants: [
      v('Acme Foundry B.V.', 'Industrieweg 12', '7521 AB', 'Enschede', 'NL'),
      v('ACME FOUNDRY BV', 'Industrieweg 12', '7521AB', 'Enschede', 'NL'),
      v('Acme Foundries', 'Industrieweg 12', '7521 AB', 'Enschede', 'NL'), // plural
      v('Acme Foundry Ltd', 'Industrieweg No. 12', null, 'Enschede', 'NL'), // another legal form, "No.", no postcode
      v('Acme Foudnry B.V.', 'Industriewg 12', '7521 AB', 'Enschede', 'NL'), // typos in name and street
      v('Foundry Acme', 'Industrieweg #12', '7521 AB', 'Enschede', 'NL'), // word order, "#"
    ],
  },
  {
    supplier: 'Acme Casting, same street (a different supplier)',
    variants: [
      v('Acme Casting B.V.', 'Industrieweg 14', '7521 AC', 'Enschede', 'NL'),
      v('Acme Castings BV', 'Industrieweg 14', '7521 AC', 'Enschede', 'NL'),
    ],
  },
  {
    supplier: 'Kupferhütte Müller, Hamburg',
    variants: [
      v('Kupferhütte Müller GmbH', 'Hafenstraße 7', '20457', 'Hamburg', 'DE'),
      v('Kupferhuette Mueller GmbH', 'Hafenstrasse 7', '20457', 'Hamburg', 'DE'), // German transliteration
      v('Kupferhutte Muller', 'Hafenstr. 7', null, 'Hamburg', 'DE'), // accents dropped, abbreviation, no postcode
      v('Mueller Kupferhuette GmbH & Co. KG', 'Hafenstraße 7', '20457', 'Hamburg', 'DE'), // word order, legal form
    ],
  },
  {
    supplier: 'Müller Stahl, Bremen (same family name, another supplier)',
    variants: [
      v('Müller Stahl GmbH', 'Am Hafen 3', '28195', 'Bremen', 'DE'),
      v('Mueller Stahl GmbH', 'Am Hafen 3', '28195', 'Bremen', 'DE'),
    ],
  },
  {
    supplier: 'Shenzhen Hongda Metal Products',
    variants: [
      v('Shenzhen Hongda Metal Products Co., Ltd.', 'No. 88 Baoan Road', '518101', 'Shenzhen', 'CN'),
      v('Shen Zhen Hong Da Metal Products Co Ltd', '88 Bao An Rd', '518101', 'Shenzhen', 'CN'), // pinyin spacing
      v('SHENZHEN HONGDA METAL PRODUCT CO LTD', 'No.88, Baoan Road', null, 'Shenzhen', 'CN'),
      v('Hongda Metal Products (Shenzhen) Co., Ltd.', '88 Baoan Road', '518101', 'Shenzhen', 'CN'), // word order
    ],
  },
  {
    supplier: 'Shenzhen Hongxing Metal (another supplier)',
    variants: [
      v('Shenzhen Hongxing Metal Co., Ltd.', 'No. 12 Longgang Road', '518116', 'Shenzhen', 'CN'),
    ],
  },
  {
    supplier: 'PT Timah Tbk, Pangkal Pinang',
    variants: [
      v('PT Timah Tbk', 'Jl. Jenderal Sudirman No. 51', '33121', 'Pangkal Pinang', 'ID'),
      v('P.T. Timah (Persero) Tbk', 'Jalan Jenderal Sudirman 51', '33121', 'Pangkalpinang', 'ID'),
      v('Timah', 'Jln Jend. Sudirman #51', null, 'Pangkal Pinang', 'ID'),
    ],
  },
  {
    supplier: 'PT Timah Industri (sister company, other address)',
    variants: [
      v('PT Timah Industri', 'Jl. Raya Cilegon Km 5', '42414', 'Cilegon', 'ID'),
    ],
  },
  {
    supplier: 'Minera Andina, Potosí',
    variants: [
      v('Minera Andina S.A. de C.V.', 'Calle Bolívar 220', null, 'Potosí', 'BO'),
      v('MINERA ANDINA SA', 'Calle Bolivar No 220', null, 'Potosi', 'BO'),
      v('Minera Andina Sociedad Anonima', 'C. Bolivar 220', null, 'Potosi', 'BO'),
    ],
  },
  {
    supplier: 'Minera Andina, Oruro (same name, another city)',
    variants: [
      v('Minera Andina S.A.', 'Avenida 6 de Agosto 1450', null, 'Oruro', 'BO'),
    ],
  },
  {
    supplier: 'Tata Precision Castings, Pune',
    variants: [
      v('Tata Precision Castings Pvt. Ltd.', 'Plot 12, MIDC Bhosari', '411026', 'Pune', 'IN'),
      v('Tata Precision Casting Private Limited', 'Plot No. 12, M.I.D.C. Bhosari', '411 026', 'Pune', 'IN'),
      v('TATA PRECISION CASTINGS', 'MIDC Bhosari, Plot #12', '411026', 'Pune', 'IN'),
      v('Tata Precison Castings Pvt Ltd', 'Plot 12 MIDC Bhosari', null, 'Pune', 'IN'), // typo, no postcode
    ],
  },
  {
    supplier: 'Bharat Forge, Pune (other supplier, same area)',
    variants: [
      v('Bharat Forge Ltd', 'Plot 14, MIDC Bhosari', '411026', 'Pune', 'IN'),
    ],
  },
  {
    supplier: 'Çelik Döküm, Bursa',
    variants: [
      v('Çelik Döküm A.Ş.', 'Organize Sanayi Bölgesi 4. Cadde No: 9', '16140', 'Bursa', 'TR'),
      v('Celik Dokum AS', 'Organize Sanayi Bolgesi 4 Cadde No 9', '16140', 'Bursa', 'TR'),
      v('CELIK DOKUM', 'Organize Sanayi Bölgesi, 4. Cad. No:9', '16140', 'Bursa', 'TR'),
    ],
  },
  {
    supplier: 'Nordisk Smelteværk, Ålborg',
    variants: [
      v('Nordisk Smelteværk A/S', 'Havnevej 21', '9000', 'Aalborg', 'DK'),
      v('Nordisk Smeltevaerk AS', 'Havnevej 21', '9000', 'Ålborg', 'DK'),
      v('Nordisk Smeltevark', 'Havnevej 21', null, 'Aalborg', 'DK'),
    ],
  },
  {
    supplier: 'Congo Tin Mining, Bukavu',
    variants: [
      v('Congo Tin Mining SARL', 'Avenue Lumumba 40', null, 'Bukavu', 'CD'),
      v('Congo Tin Mining S.A.R.L.', 'Av. Patrice Lumumba No 40', null, 'Bukavu', 'CD'),
      v('Tin Mining Congo', 'Avenue Lumumba, 40', null, 'Bukavu', 'CD'),
    ],
  },
  {
    supplier: 'Congo Copper Mining, Lubumbashi (similar name, another supplier)',
    variants: [
      v('Congo Copper Mining SARL', 'Avenue Kasai 7', null, 'Lubumbashi', 'CD'),
    ],
  },
  {
    supplier: 'Acme Foundry, Antwerpen (same name, another country)',
    variants: [
      v('Acme Foundry NV', 'Industrieweg 12', '2030', 'Antwerpen', 'BE'),
    ],
  },
];

/** Every pair of entries of the corpus with whether they are the same supplier (the expected answer). */
export function corpusPairs(): Array<{ a: SupplierFields; b: SupplierFields; same: boolean; label: string }> {
  const flat = MATCH_CORPUS.flatMap((g, gi) => g.variants.map((e) => ({ e, gi })));
  const out: Array<{ a: SupplierFields; b: SupplierFields; same: boolean; label: string }> = [];
  for (let i = 0; i < flat.length; i++) {
    for (let j = i + 1; j < flat.length; j++) {
      out.push({ a: flat[i].e, b: flat[j].e, same: flat[i].gi === flat[j].gi, label: `${flat[i].e.name} / ${flat[j].e.name}` });
    }
  }
  return out;
}
