// The ingestion readiness check (no `vscode` import: the CLI reuses it).
export { checkReadiness } from './checkReadiness';
export { armReadiness, type ArmReadinessOptions } from './armServices';
export type { ArmReadiness, ClusterLookup, KustoPolicies, ReadinessInput, ReadinessServices, SourceInput } from './services';
export { STEP_ORDER, STEP_TITLES } from './model';
export type { Evidence, FixKind, IdentityRef, ReadinessFix, ReadinessReport, StepId, StepResult, Verdict } from './model';
export { actionMatches, BLOB_READ_ACTION, grantsBlobRead, grantsDataAction, isControlPlaneOnly, ROLES } from './permissions';
export { appliesToBlob, describeScope } from './scopes';
export { linkSizeFindings, nameBoundTo } from './linkSize';
export { locateUri } from './sizeStep';
export { kustoReadiness, type KustoClientLike } from './kustoServices';
export { explainFailure, type FailureExplanation } from './ingestionFailures';
export { resolveFlow, type CheckedFlow } from './flow';
