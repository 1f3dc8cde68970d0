/** The command text of the `basic` policy (basic-policy §8) and the Python-literal helpers every policy uses. */
export { PARK_NAME, WAYPOINT_NAME, PREAMBLE, renderCommands, renderGroup, renderParkGroup, type ParkBlock, type ScriptStep } from './render';
export { formatFixed2, formatHundredths, pyComment, pyStr } from './python-literal';
