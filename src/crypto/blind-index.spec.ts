import { describe, expect, it } from 'vitest';
import { normaliseSupplierName, supplierBlindIndex } from './blind-index.js';

const key = new Uint8Array(32).fill(9);
const idx = (name: string, address: string, country = 'NL') => supplierBlindIndex(key, { name, address, country }).toString('hex');

describe('blind index (issue 5 item 3): same supplier under spelling variants matches, another does not', () => {
  const base = idx('Acme Foundry B.V.', 'Industrieweg 12');
  const table: Array<[string, string, string, boolean]> = [
    ['ACME FOUNDRY BV', 'Industrieweg 12', 'NL', true],
    ['acme foundry', 'industrieweg 12', 'nl', true],
    ['Acme Foundry B.V', 'Industrieweg  12.', 'NL', true],
    ['Acme-Foundry BV', 'Industrieweg, 12', 'NL', true],
    ['Ácmé Foundry B.V.', 'Industrieweg 12', 'NL', true],
    ['Acme Foundry B.V.', 'Industrieweg 14', 'NL', false],
    ['Acme Foundry B.V.', 'Industrieweg 12', 'BE', false],
    ['Acme Foundries B.V.', 'Industrieweg 12', 'NL', false],
    ['Acme B.V.', 'Industrieweg 12', 'NL', false],
  ];
  for (const [name, address, country, same] of table) {
    it(`${name} / ${address} / ${country} → ${same ? 'match' : 'no match'}`, () => {
      expect(idx(name, address, country) === base).toBe(same);
    });
  }

  it('strips legal forms of several countries, but never the whole name', () => {
    expect(normaliseSupplierName('Minera Andina S.A. de C.V.')).toBe('minera andina');
    expect(normaliseSupplierName('PT Timah Tbk')).toBe('timah');
    expect(normaliseSupplierName('Kupfer Hütte GmbH')).toBe('kupfer hutte');
    expect(normaliseSupplierName('Holding')).toBe('holding');
  });

  it('depends on the key (a dictionary cannot be tried without it)', () => {
    const other = supplierBlindIndex(new Uint8Array(32).fill(1), { name: 'Acme Foundry B.V.', address: 'Industrieweg 12', country: 'NL' });
    expect(other.toString('hex')).not.toBe(base);
    expect(other.length).toBe(16);
  });
});
