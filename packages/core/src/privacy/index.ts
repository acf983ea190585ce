/**
 * Differential privacy, pure (rules P1–P4): exact discrete samplers and mechanisms on an injected
 * RandomSource, zCDP accounting in integer micro-ρ, (ε, δ) conversion and confidence intervals for
 * display, partition selection, and the query model with its member-level sensitivities and plan.
 */
export { rational, decimal, tryDecimal, rationalText, type Rational } from './rational.ts';
export { randomFromBytes, bernoulli, uniformInt, type RandomSource } from './random.ts';
export { cryptoRandom } from './crypto-random.ts';
export { bernoulliExp, sampleDiscreteLaplace, sampleDiscreteGaussian } from './samplers.ts';
export * from './mechanisms.ts';
export { rhoMicroForLaplace, rhoMicroForGaussian, composeRhoMicro, gaussianSigma2ForRhoMicro, epsilonWithinRhoMicro, EPSILON_DIGITS } from './accounting.ts';
export * from './conversion.ts';
export { noiseInterval, noiseCoverage, noiseStdDev } from './intervals.ts';
export * from './partition-selection.ts';
export { partitionKeepProbability } from './partition-probability.ts';
export * from './query.ts';
export { validateQuery, isFilterable, declaredDomain, type QueryDataset } from './validate-query.ts';
export * from './measurements.ts';
export * from './plan.ts';
export * from './bounding.ts';
export { quantilesFromHistogram } from './quantiles.ts';
export { boundedAggregatePlan, partitionOrderKey, toGridUnits, type BoundedAggregatePlan, type BoundedAggregateRows, type BoundedGroupRow, type PlanFilter, type PlanGroupField, type PlanMeasure } from './aggregate-plan.ts';
