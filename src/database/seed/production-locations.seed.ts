import { ProductionLocationsService } from '../../production-locations/production-locations.service.js';
import type { ActivityType, LocationInput, Tier } from '../../production-locations/location.types.js';
import type { SeedContext } from './seed.js';

/**
 * Demo production-location lists (issue 5 item 9) and the CSO expertise overview (item 10).
 *
 * Every demo company gets a list for the current year with a few dozen entries across several countries. Some
 * suppliers appear in several companies' lists under spelling variants (the blind index matches them: the
 * art. 22 brokering step and the web demo rely on it), notably
 * - Kivu Cobalt & Tin Mining (CD, Nord-Kivu CD-NK, cobalt/tin mining): Staalwerk Twente, Gieterij De Hoop and
 *   Precisietechniek Delft;
 * - Minera Cerro Rico (BO, Potosí BO-P, tin/silver mining): Metaalbouw Brabant and Koperwerk Zeeland.
 * Suppliers listed by only one or two companies make cells of the aggregated list fall below k (default 3).
 *
 * Lists are sealed and inserted in one statement per company (the seed runs in every test template build).
 */
export const DEMO_LIST_COMPANIES = [
  'staalwerk-twente',
  'gieterij-de-hoop',
  'metaalbouw-brabant',
  'recycling-rijnmond',
  'precisie-delft',
  'koperwerk-zeeland',
] as const;

interface DemoSupplier {
  name: string;
  address: string;
  postcode: string | null;
  city: string;
  country: string;
  region: string | null;
  activity: ActivityType;
  materials: string[];
  tier: Tier;
  /** indexes into DEMO_LIST_COMPANIES of the companies listing it */
  companies: number[];
}

/** Named shared suppliers other demos refer to (the cases helper's art. 22 flow). */
export const DEMO_SHARED_SUPPLIERS = {
  kivu: { name: 'Kivu Cobalt & Tin Mining SARL', address: 'Avenue du Lac 14', country: 'CD', region: 'CD-NK', companies: ['staalwerk-twente', 'gieterij-de-hoop', 'precisie-delft'] },
  cerroRico: { name: 'Minera Cerro Rico S.A.', address: 'Calle Bolívar 221', country: 'BO', region: 'BO-P', companies: ['metaalbouw-brabant', 'koperwerk-zeeland'] },
} as const;

const s = (
  name: string, address: string, postcode: string | null, city: string, country: string, region: string | null,
  activity: ActivityType, materials: string[], tier: Tier, companies: number[],
): DemoSupplier => ({ name, address, postcode, city, country, region, activity, materials, tier, companies });

const ALL = [0, 1, 2, 3, 4, 5];

const SUPPLIERS: DemoSupplier[] = [
  // Shared suppliers in producing countries (art. 22 demo).
  s('Kivu Cobalt & Tin Mining SARL', 'Avenue du Lac 14', null, 'Goma', 'CD', 'CD-NK', 'mining', ['cobalt', 'tin'], 3, [0, 1, 4]),
  s('Minera Cerro Rico S.A.', 'Calle Bolívar 221', null, 'Potosí', 'BO', 'BO-P', 'mining', ['tin', 'silver'], 3, [2, 5]),
  s('Katanga Copper Cobalt SA', 'Route de Likasi 3', null, 'Lubumbashi', 'CD', 'CD-HK', 'mining', ['copper', 'cobalt'], 3, [0, 2, 3, 5]),
  s('Lualaba Refining SARL', 'Boulevard Kolwezi 88', null, 'Kolwezi', 'CD', 'CD-LU', 'refining', ['cobalt'], 3, [1, 4]),
  s('Fundición Vinto S.A.', 'Carretera a Vinto km 7', null, 'Oruro', 'BO', 'BO-O', 'smelting', ['tin'], 3, [0, 1, 2]),
  s('Compañía Minera Antamina S.A.', 'Av. El Derby 055', '15023', 'Lima', 'PE', 'PE-ANC', 'mining', ['copper', 'zinc'], 3, [3]),
  s('PT Timah Bangka Tbk', 'Jalan Jenderal Sudirman 51', '33121', 'Pangkalpinang', 'ID', 'ID-BB', 'mining', ['tin'], 3, [1, 5]),
  s('Thai Tin Smelting Co. Ltd', 'Sakdidet Road 205', '83000', 'Phuket', 'TH', 'TH-83', 'smelting', ['tin'], 2, [0, 1, 4, 5]),
  s('Jiangxi Tungsten Refinery Co. Ltd', 'Hongqi Avenue 118', '341000', 'Ganzhou', 'CN', 'CN-JX', 'refining', ['tungsten'], 2, [0, 2, 4]),
  s('Yunnan Tin Group Co. Ltd', 'Jinhu Road 121', '661000', 'Gejiu', 'CN', 'CN-YN', 'smelting', ['tin'], 2, [1, 3, 4]),
  s('Ningbo Precision Castings Ltd', 'Jiangnan Road 1588', '315040', 'Ningbo', 'CN', 'CN-ZJ', 'manufacturing', ['steel'], 1, [0, 2, 4]),
  s('Shandong Aluminium Works Co. Ltd', 'Zhangdian District 9', '255000', 'Zibo', 'CN', 'CN-SD', 'processing', ['aluminium'], 2, [2, 3]),
  s('Anglo Platinum Rustenburg Ltd', 'Klipfontein Road 1', '0300', 'Rustenburg', 'ZA', 'ZA-NW', 'mining', ['platinum'], 3, [4]),
  s('Mopani Copper Mines Plc', 'Central Street 4', '10101', 'Kitwe', 'ZM', 'ZM-08', 'mining', ['copper', 'cobalt'], 3, [0, 3, 5]),
  s('Codelco Chuquicamata', 'Avenida 11 Norte 1291', '1390000', 'Calama', 'CL', 'CL-AN', 'mining', ['copper'], 3, [2, 3, 5]),
  s('Atacama Lithium SpA', 'Camino Salar 12', '1410000', 'San Pedro de Atacama', 'CL', 'CL-AN', 'refining', ['lithium'], 2, [4]),
  s('Erdemir Demir Çelik A.Ş.', 'Uzunkum Caddesi 1', '67330', 'Ereğli', 'TR', 'TR-67', 'smelting', ['steel', 'iron ore'], 2, [0, 1, 2]),
  s('Vale Carajás Mineração', 'Rodovia PA-275 km 2', '68516-000', 'Parauapebas', 'BR', 'BR-PA', 'mining', ['iron ore'], 3, [0, 1, 2, 3]),
  s('Hindustan Zinc Ltd', 'Yashad Bhawan 3', '313004', 'Udaipur', 'IN', 'IN-RJ', 'smelting', ['zinc', 'lead'], 2, [3, 5]),
  s('Pohang Steel Works Co. Ltd', 'Donghaean-ro 6261', '37859', 'Pohang', 'KR', 'KR-47', 'processing', ['steel'], 2, [0, 4]),
  // Europe: tier 1 processing and manufacturing, shared widely.
  s('Hüttenwerke Krupp Mannesmann GmbH', 'Ehinger Straße 200', '47259', 'Duisburg', 'DE', 'DE-NW', 'smelting', ['steel'], 1, ALL),
  s('Aurubis AG', 'Hovestraße 50', '20539', 'Hamburg', 'DE', 'DE-HH', 'refining', ['copper'], 1, [0, 1, 3, 5]),
  s('Schmiedewerk Ruhr GmbH', 'Industriestraße 12', '44147', 'Dortmund', 'DE', 'DE-NW', 'processing', ['steel'], 1, [0, 1, 2, 4]),
  s('Bayerische Drahtwerke GmbH', 'Werkstraße 7', '90441', 'Nürnberg', 'DE', 'DE-BY', 'manufacturing', ['copper', 'steel'], 1, [1, 4]),
  s('Tata Steel IJmuiden B.V.', 'Wenckebachstraat 1', '1951 JZ', 'Velsen-Noord', 'NL', 'NL-NH', 'smelting', ['steel'], 1, ALL),
  s('Acme Foundry B.V.', 'Industrieweg 12', '7521 PB', 'Enschede', 'NL', 'NL-OV', 'processing', ['steel', 'iron'], 1, [0, 1, 2, 4, 5]),
  s('Gelderse Gieterij B.V.', 'Nijverheidsweg 8', '6827 BX', 'Arnhem', 'NL', 'NL-GE', 'processing', ['aluminium'], 1, [1, 2, 4]),
  s('Zeeuwse Zinkwerken N.V.', 'Sloeweg 44', '4389 PD', 'Vlissingen', 'NL', 'NL-ZE', 'refining', ['zinc'], 1, [3, 5]),
  s('Brabantse Plaatbewerking B.V.', 'Ekkersrijt 4021', '5692 DB', 'Son', 'NL', 'NL-NB', 'manufacturing', ['steel', 'aluminium'], 1, [0, 2, 4]),
  s('Rotterdam Metal Recycling B.V.', 'Theemsweg 30', '3197 KM', 'Rotterdam', 'NL', 'NL-ZH', 'recycling', ['steel', 'copper', 'aluminium'], 1, [2, 3, 5]),
  s('Umicore Hoboken NV', 'Adolf Greinerstraat 14', '2660', 'Hoboken', 'BE', 'BE-VAN', 'recycling', ['cobalt', 'copper', 'nickel'], 2, [1, 3, 4]),
  s('Aperam Genk NV', 'Swinnenwijerweg 5', '3600', 'Genk', 'BE', 'BE-VLI', 'processing', ['stainless steel', 'nickel'], 1, [0, 4, 5]),
  s('KGHM Polska Miedź S.A.', 'ul. Marii Skłodowskiej-Curie 48', '59-301', 'Lubin', 'PL', 'PL-02', 'smelting', ['copper', 'silver'], 2, [0, 3, 5]),
  s('Boliden Rönnskär AB', 'Rönnskärsvägen 1', '932 81', 'Skelleftehamn', 'SE', 'SE-AC', 'smelting', ['copper', 'lead'], 2, [3, 5]),
  s('Nyrstar Budel B.V.', 'Hoofdstraat 1', '6024 AA', 'Budel-Dorplein', 'NL', 'NL-NB', 'refining', ['zinc'], 1, [1, 2]),
  s('Outokumpu Tornio Oy', 'Terästie 1', '95490', 'Tornio', 'FI', 'FI-10', 'smelting', ['stainless steel', 'chromium'], 2, [4]),
  s('ArcelorMittal Gent NV', 'John Kennedylaan 51', '9042', 'Gent', 'BE', 'BE-VOV', 'smelting', ['steel'], 1, [0, 1, 2, 3]),
  s('Metallwerk Plansee GmbH', 'Metallwerk-Plansee-Straße 71', '6600', 'Reutte', 'AT', 'AT-7', 'processing', ['tungsten', 'molybdenum'], 2, [0, 4]),
  s('Rio Tinto Kennecott Utah', 'Bingham Canyon Road 12', '84006', 'Copperton', 'US', 'US-UT', 'mining', ['copper', 'gold'], 3, [3]),
  s('Kolar Gold Refiners Pvt Ltd', 'KGF Road 19', '563122', 'Kolar', 'IN', 'IN-KA', 'refining', ['gold'], 2, [2]),
];

/**
 * Spelling variants per company, as real lists differ: case, legal-form punctuation, accents, spacing. Each
 * keeps the normalised identity (blind-index normalisation, src/crypto/blind-index.ts), so the index matches.
 */
const VARIANTS: Array<(name: string, address: string) => [string, string]> = [
  (n, a) => [n, a],
  (n, a) => [n.toUpperCase(), a.toUpperCase()],
  (n, a) => [n.replace(/\b([A-Za-z])\.([A-Za-z])\.(?:([A-Za-z])\.)?(?:([A-Za-z])\.)?/g, (m) => m.replace(/\./g, '')), a],
  (n, a) => [n.normalize('NFKD').replace(/\p{M}+/gu, ''), a.normalize('NFKD').replace(/\p{M}+/gu, '')],
  (n, a) => [n.toLowerCase(), `${a.replace(/ (\d)/, '  $1')}`],
  (n, a) => [n.replace(/,/g, ''), a.replace(/ (\d)/, ', $1')],
];

/** Towns (with their subdivision) for each company's own tier-1 and tier-2 workshops in Europe. */
const TOWNS: Array<[string, string, string]> = [
  ['Almelo', 'NL', 'NL-OV'], ['Hengelo', 'NL', 'NL-OV'], ['Deventer', 'NL', 'NL-OV'], ['Apeldoorn', 'NL', 'NL-GE'], ['Ede', 'NL', 'NL-GE'],
  ['Nijmegen', 'NL', 'NL-GE'], ['Tilburg', 'NL', 'NL-NB'], ['Eindhoven', 'NL', 'NL-NB'], ['Helmond', 'NL', 'NL-NB'], ['Breda', 'NL', 'NL-NB'],
  ['Venlo', 'NL', 'NL-LI'], ['Roermond', 'NL', 'NL-LI'], ['Dordrecht', 'NL', 'NL-ZH'], ['Schiedam', 'NL', 'NL-ZH'], ['Leiden', 'NL', 'NL-ZH'],
  ['Zwolle', 'NL', 'NL-OV'], ['Groningen', 'NL', 'NL-GR'], ['Emmen', 'NL', 'NL-DR'], ['Alkmaar', 'NL', 'NL-NH'], ['Amersfoort', 'NL', 'NL-UT'],
  ['Bocholt', 'DE', 'DE-NW'], ['Gronau', 'DE', 'DE-NW'], ['Kleve', 'DE', 'DE-NW'], ['Aachen', 'DE', 'DE-NW'], ['Osnabrück', 'DE', 'DE-NI'],
  ['Nordhorn', 'DE', 'DE-NI'], ['Antwerpen', 'BE', 'BE-VAN'], ['Hasselt', 'BE', 'BE-VLI'], ['Kortrijk', 'BE', 'BE-VWV'], ['Liège', 'BE', 'BE-WLG'],
];
const TRADES: Array<[string, ActivityType, string[], Tier]> = [
  ['Draaierij', 'processing', ['steel'], 1], ['Lasbedrijf', 'manufacturing', ['steel'], 1], ['Plaatwerk', 'processing', ['steel', 'aluminium'], 1],
  ['Verzinkerij', 'processing', ['zinc', 'steel'], 2], ['Poedercoating', 'processing', ['steel'], 2], ['Machinefabriek', 'manufacturing', ['steel'], 1],
  ['Aluminium Extrusie', 'processing', ['aluminium'], 2], ['Koperdraad', 'manufacturing', ['copper'], 2], ['Smederij', 'processing', ['steel'], 1],
  ['Metaalhandel', 'trading', ['steel', 'aluminium'], 1], ['Schroot', 'recycling', ['steel', 'copper'], 2], ['Gieterij', 'processing', ['iron'], 2],
  ['Buigwerk', 'processing', ['steel'], 1], ['Frezerij', 'manufacturing', ['aluminium'], 1],
];

function ownWorkshops(company: number): DemoSupplier[] {
  return TRADES.map(([trade, activity, materials, tier], j) => {
    const [town, country, region] = TOWNS[(company * 5 + j) % TOWNS.length];
    const form = country === 'NL' ? 'B.V.' : country === 'DE' ? 'GmbH' : 'NV';
    return s(`${trade} ${town} ${form}`, `${['Industrieweg', 'Handelsstraat', 'Ambachtsweg', 'Werkstraat'][j % 4]} ${10 + company * 7 + j}`,
      country === 'NL' ? `${7000 + company * 100 + j} AB` : `${40000 + company * 100 + j}`, town, country, region, activity, materials, tier, [company]);
  });
}

/** The demo list of one company (index into DEMO_LIST_COMPANIES). */
export function demoListOf(company: number): LocationInput[] {
  return [...SUPPLIERS.filter((x) => x.companies.includes(company)), ...ownWorkshops(company)].map((x, i) => {
    const [supplierName, address] = VARIANTS[company % VARIANTS.length](x.name, x.address);
    return {
      supplierName,
      address,
      postcode: x.postcode,
      city: x.city,
      country: x.country,
      region: x.region,
      activityType: x.activity,
      rawMaterials: x.materials,
      tier: x.tier,
      // Competition-sensitive fields on a few entries (art. 22-23: encrypted, never disclosed).
      volume: i % 4 === 0 ? `${(company + 1) * 120 + i * 15} t/yr` : null,
      contractNotes: i % 7 === 0 ? 'framework contract, price indexed to LME' : null,
    };
  });
}

/** Demo CSO networks by region and raw material (art. 22, first sentence). */
const CSO_EXPERTISE: Array<{ org: string; country: string; region: string | null; materials: string[]; description: string }> = [
  { org: 'mensenrechten-monitor', country: 'CD', region: 'CD-NK', materials: ['cobalt', 'tin', 'tantalum'], description: 'Network of local human-rights monitors in North Kivu, with Kivu Mining Watch' },
  { org: 'mensenrechten-monitor', country: 'CD', region: 'CD-LU', materials: ['cobalt', 'copper'], description: 'Artisanal mining communities around Kolwezi' },
  { org: 'groene-keten', country: 'ID', region: 'ID-BB', materials: ['tin'], description: 'Environmental impact of tin dredging on Bangka and Belitung' },
  { org: 'groene-keten', country: 'BR', region: 'BR-PA', materials: ['iron ore', 'bauxite'], description: 'Land rights and deforestation in Pará' },
  { org: 'eerlijk-erts', country: 'PE', region: null, materials: ['copper', 'zinc', 'gold'], description: 'Community consultation in Andean mining regions' },
  { org: 'metaalbond', country: 'BO', region: 'BO-P', materials: ['tin', 'silver'], description: 'Affiliated miners union in Potosí (Sindicato Minero de Potosí)' },
  { org: 'metaalbond', country: 'NL', region: null, materials: ['steel', 'aluminium'], description: 'Works councils in Dutch metal companies' },
  { org: 'vakbond-industrie', country: 'ZA', region: 'ZA-NW', materials: ['platinum'], description: 'Union contacts in the platinum belt' },
];

export async function seedProductionLocations(ctx: SeedContext): Promise<void> {
  const service = ctx.app.get(ProductionLocationsService, { strict: false });
  const year = new Date().getUTCFullYear();
  for (const [i, slug] of DEMO_LIST_COMPANIES.entries()) {
    await service.storeList(ctx.manager, { organisationId: ctx.org(slug), year, format: 'seed', uploadedBy: null, inputs: demoListOf(i) });
  }
  const rows = CSO_EXPERTISE.map((e) => ({ ...e, org: ctx.org(e.org) }));
  await ctx.manager.query(
    `INSERT INTO cso_expertise (organisation_id, country, region, raw_materials, description)
     SELECT u.org, u.country, u.region, string_to_array(u.materials, ';'), u.description
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(org, country, region, materials, description)`,
    [rows.map((r) => r.org), rows.map((r) => r.country), rows.map((r) => r.region), rows.map((r) => r.materials.join(';')), rows.map((r) => r.description)],
  );
}
