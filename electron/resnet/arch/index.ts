/** The architecture core: build, print, shape, cost and recognise ResNets, pure TypeScript. */
export type * from './types';
export {
  archSpecFromName,
  cifarSpec,
  listArchitectures,
  torchvisionBuilderName,
  type ArchitectureInfo,
  type BuilderOptions,
} from './builders';
export { buildModel, EXPANSION } from './build';
export { childrenOf, depthOf, findModule, isContainer, namedModules, walk } from './tree';
export { extraRepr, printModel, pyFloat, pythonClassName } from './print-model';
export { convOutputSize, inferShapes, type Shape } from './shapes';
export {
  countParams,
  leafMacs,
  leafParams,
  macsPerModule,
  parameterCount,
  paramsPerModule,
  totalMacs,
  totalParams,
} from './cost';
export {
  formatSummary,
  humanCount,
  summarize,
  withCommas,
  type ModelSummary,
  type SummaryRow,
} from './summary';
export { inferArchSpec, type ShapedEntries } from './infer-from-state-dict';
export {
  expectedStateDictShapes,
  formatStateDictMatch,
  isCleanMatch,
  isOptionalKey,
  matchStateDict,
  type ShapeMismatch,
  type StateDictMatch,
} from './match-state-dict';
