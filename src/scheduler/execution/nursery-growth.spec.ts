import { NURSERY_GROWTH_FACTOR_ENV, restoreNurseryGrowthFactor } from './nursery-growth';

describe('restoreNurseryGrowthFactor', () => {
  it('sets the factor the process named', () => {
    const set = jest.fn();
    expect(restoreNurseryGrowthFactor({ [NURSERY_GROWTH_FACTOR_ENV]: '1' }, set)).toBe(true);
    expect(set).toHaveBeenCalledWith('--semi-space-growth-factor=1');
  });

  it('leaves V8 alone without the variable, or with anything but one digit from 1 to 9 (no other flag can get through)', () => {
    const set = jest.fn();
    for (const raw of [undefined, '', '0', '10', '1 --expose-gc', '2\n', ' 1', 'x']) {
      expect(restoreNurseryGrowthFactor(raw === undefined ? {} : { [NURSERY_GROWTH_FACTOR_ENV]: raw }, set)).toBe(false);
    }
    expect(set).not.toHaveBeenCalled();
  });
});
