import { BODY_NAMES, isBodyName, SITE } from './site';

describe('site', () => {
  it('is the CMB site of the original, with PyEphem default atmosphere', () => {
    expect(SITE.latitudeDeg).toBe(-22.958);
    expect(SITE.longitudeDeg).toBe(-67.786);
    expect(SITE.elevationM).toBe(5200);
    expect(SITE.pressureMbar).toBe(1010);
    expect(SITE.temperatureC).toBe(15);
    expect(Object.isFrozen(SITE)).toBe(true);
  });

  it('lists the Sun, the Moon and the eight planets but the Earth', () => {
    expect([...BODY_NAMES]).toEqual([
      'sun',
      'moon',
      'mercury',
      'venus',
      'mars',
      'jupiter',
      'saturn',
      'uranus',
      'neptune',
    ]);
  });

  it('recognises exactly those names', () => {
    for (const name of BODY_NAMES) expect(isBodyName(name)).toBe(true);
    for (const x of ['pluto', 'Sun', 'SATURN', ' moon', 'earth', '', 3, null, undefined, {}, ['sun']]) {
      expect(isBodyName(x)).toBe(false);
    }
  });
});
