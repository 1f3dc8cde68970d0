/** The command text of the `basic` policy (spec §8). */
export { PREAMBLE, formatFixed2, renderCommands, renderGroup } from './render';
