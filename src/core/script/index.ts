/** The command text of the `basic` policy (basic-policy §8) and the Python-literal helpers every policy uses. */
export { PREAMBLE, renderCommands, renderGroup } from './render';
export { formatFixed2, formatHundredths, pyComment, pyStr } from './python-literal';
