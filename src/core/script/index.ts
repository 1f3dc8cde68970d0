/** The command text of the `basic` policy (spec §8) and the Python-literal helpers every policy uses. */
export { PREAMBLE, renderCommands, renderGroup } from './render';
export { formatFixed2, formatHundredths, pyComment, pyStr } from './python-literal';
