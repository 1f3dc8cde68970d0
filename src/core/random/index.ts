/** Random numbers of the core: CPython hash, MT19937 and the original's PRNGKey (basic-policy §7). */
export { pyHash, type PyKey } from './py-hash';
export { Mt19937 } from './mt19937';
export { PRNGKey, dailyStaticKey, seedFromText, seedOfKey } from './prng-key';
