/**
 * astronomy-engine, loaded on first use. Only the processes that compute positions (the workers,
 * the planner) need it; the HTTP process imports the policies for their configs and never does,
 * and loading it there cost 2.5 MB of resident memory for nothing.
 */
import type * as AstronomyEngine from 'astronomy-engine';

let loaded: typeof AstronomyEngine | undefined;

/** The astronomy-engine module (required the first time this is called). */
export function astronomy(): typeof AstronomyEngine {
  return (loaded ??= require('astronomy-engine') as typeof AstronomyEngine);
}
