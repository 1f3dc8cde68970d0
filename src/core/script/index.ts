/** The command text of the `basic` policy (basic-policy §8). */
export { PREAMBLE, formatFixed2, renderCommands, renderGroup } from './render';
