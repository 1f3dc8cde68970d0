import { validateConfig } from '../config';
import { CORE_POLICIES } from './index';
import { basicPolicy } from './basic';
import { dummyPolicy } from './dummy';

describe('CORE_POLICIES', () => {
  it('finds each built-in policy by its own name', () => {
    expect(CORE_POLICIES.get('dummy')).toBe(dummyPolicy);
    expect(CORE_POLICIES.get('basic')).toBe(basicPolicy);
    expect([...CORE_POLICIES.keys()]).toEqual(['dummy', 'basic']);
    for (const [name, policy] of CORE_POLICIES) expect(policy.name).toBe(name);
  });

  it('holds only policies with the whole contract', () => {
    for (const policy of CORE_POLICIES.values()) {
      expect(typeof policy.description).toBe('string');
      expect(typeof policy.configClass).toBe('function');
      expect(typeof policy.generate).toBe('function');
      expect(validateConfig(policy.configClass, policy.defaults)).toEqual(policy.defaults);
    }
  });
});
