// The one place that registers commands.
import type { Ctx } from '../ctx';
import type { IdentityRegistry } from '../identities/identityRegistry';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import { AddClusterCommand } from './addCluster';
import { CommandManager } from './commandManager';
import { ConvertWorkspaceCommand } from './convertWorkspace';
import { RefreshCommand } from './refresh';
import { RemoveClusterCommand } from './removeCluster';
import { ShowLogCommand } from './showLog';
import type { Prompts } from '../ui/prompts';
import { AllowUsagesCommand } from './allowUsages';
import { CopyManagedIdentitySuffixCommand } from './copyManagedIdentitySuffix';
import { CopyObjectIdCommand } from './copyObjectId';
import { DiscoverClustersCommand } from './discoverClusters';
import { OpenPolicyJsonCommand } from './openPolicyJson';
import { RemovePolicyEntryCommand } from './removePolicyEntry';
import { RemoveUsageCommand } from './removeUsage';
import { RetryCommand } from './retry';
import { SignInCommand } from './signIn';
import { CheckReadinessCommand } from '../readiness/editor/checkReadinessCommand';
import type { ReadinessController } from '../readiness/editor/controller';
import { ExplainFailureCommand } from '../readiness/editor/explainFailureCommand';
import { registerPolicyScriptDocuments } from '../policyAsCode/register';
import { ApplyPoliciesCommand } from './applyPolicies';
import { ComparePoliciesCommand } from './comparePolicies';
import { ExportPoliciesCommand } from './exportPolicies';
import { SignInToTenantCommand } from './signInToTenant';
import type { KqlFeatures } from '../providers/kql/registerKql';
import { RunBlockCommand } from '../kqlRun/runBlockCommand';
import { UseDatabaseForFileCommand } from './useDatabaseForFile';

export interface CommandDeps {
  readonly tree: ClusterTreeProvider;
  readonly identities: IdentityRegistry;
  /** Questions the cluster commands ask (replaceable in tests). */
  readonly prompts: Prompts;
  /** Runs ingestion readiness checks (src/readiness). */
  readonly readiness?: ReadinessController;
  /** The KQL files' database bindings and Run. */
  readonly kql?: KqlFeatures;
}

export function registerCommands(ctx: Ctx, deps: CommandDeps): CommandManager {
  const manager = new CommandManager();
  manager.register(new ShowLogCommand(ctx));
  manager.register(new AddClusterCommand(ctx));
  manager.register(new RemoveClusterCommand(ctx));
  manager.register(new RefreshCommand(deps.tree));
  manager.register(new ConvertWorkspaceCommand(ctx, deps.identities, deps.prompts));
  manager.register(new SignInCommand(ctx, deps.tree, deps.prompts));
  manager.register(new DiscoverClustersCommand(ctx, deps.tree, deps.identities, deps.prompts));
  manager.register(new RetryCommand(deps.tree));
  manager.register(new CopyObjectIdCommand());
  manager.register(new CopyManagedIdentitySuffixCommand());
  manager.register(new OpenPolicyJsonCommand());
  manager.register(new AllowUsagesCommand(ctx, deps.tree, deps.prompts));
  manager.register(new RemoveUsageCommand(ctx, deps.tree, deps.prompts));
  manager.register(new RemovePolicyEntryCommand(ctx, deps.tree, deps.prompts));
  if (deps.readiness) {
    const check = new CheckReadinessCommand(deps.tree, deps.prompts, deps.readiness);
    manager.register(check);
    manager.register(new ExplainFailureCommand(deps.prompts, deps.readiness, check));
  }
  const scriptDocuments = registerPolicyScriptDocuments(ctx);
  manager.register(new ExportPoliciesCommand(ctx, deps.tree, deps.prompts));
  manager.register(new ComparePoliciesCommand(ctx, deps.tree, deps.prompts, scriptDocuments));
  manager.register(new ApplyPoliciesCommand(ctx, deps.tree, deps.prompts));
  manager.register(new SignInToTenantCommand(ctx, deps.tree, deps.prompts));
  if (deps.kql) {
    manager.register(new UseDatabaseForFileCommand(deps.kql.bindings));
    manager.register(new RunBlockCommand(deps.kql.runner));
  }
  ctx.pushExtCleanup(manager);
  return manager;
}
