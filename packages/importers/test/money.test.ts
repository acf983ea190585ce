import { describe, expect, it } from 'vitest';
import { currencyExponent, toMinorUnits } from '@steward/importers';

const minor = (text: string, currency = 'EUR', decimal?: '.' | ',') => {
  const r = toMinorUnits(text, currency, decimal);
  return typeof r === 'string' ? r : r.minor;
};

describe('[L1] money is parsed exactly into integer minor units', () => {
  it('both decimal styles, signs, groups', () => {
    expect(minor('12.50')).toBe(1250);
    expect(minor('12,50')).toBe(1250);
    expect(minor('12,50', 'EUR', ',')).toBe(1250);
    expect(minor('-4.25')).toBe(-425);
    expect(minor('(4.25)')).toBe(-425);
    expect(minor('17.0')).toBe(1700);
    expect(minor('.5')).toBe(50);
    expect(minor('1 234,56')).toBe(123456);
    expect(minor('1.234,56')).toBe(123456);
    expect(minor('1,234.56')).toBe(123456);
    expect(minor("1'234.50", 'CHF')).toBe(123450);
    expect(minor('1.234.567')).toBe(123456700);
    expect(minor('-0.00')).toBe(0);
  });

  it('never goes through floats: values that floats get wrong stay exact', () => {
    // 0.1 + 0.2 and 1.005 * 100 are classic float traps.
    expect(minor('1.005', 'EUR')).toBe(100); // half to even
    expect(minor('1.015', 'EUR')).toBe(102); // half to even
    expect(minor('1.0051', 'EUR')).toBe(101);
    expect(minor('90071992547409.91')).toBe(9007199254740991);
    expect(minor('90071992547409.92')).toBe('is too large an amount');
  });

  it('currency exponents from ISO 4217', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('BHD')).toBe(3);
    expect(currencyExponent('XXY')).toBeNull();
    expect(minor('1234', 'JPY')).toBe(1234);
    expect(minor('1.234', 'BHD')).toBe(1234);
    expect(minor('1.5', 'JPY')).toBe(2);
  });

  it('refuses what it cannot read unambiguously', () => {
    expect(minor('1,234')).toMatch(/ambiguous/);
    expect(minor('1,234', 'EUR', ',')).toBe(123); // 1.234 EUR, rounded half to even
    expect(minor('1,234', 'KWD', ',')).toBe(1234);
    expect(minor('12,50', 'EUR', '.')).toMatch(/thousands/);
    expect(minor('abc')).toMatch(/not a decimal/);
    expect(minor('')).toMatch(/empty/);
    expect(minor('1e5')).toMatch(/not a decimal/);
    expect(minor('--1')).toMatch(/two signs/);
    expect(minor('1.2', 'EURO')).toMatch(/ISO 4217/);
  });
});
