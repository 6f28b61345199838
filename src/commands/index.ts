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

export interface CommandDeps {
  readonly tree: ClusterTreeProvider;
  readonly identities: IdentityRegistry;
}

export function registerCommands(ctx: Ctx, deps: CommandDeps): CommandManager {
  const manager = new CommandManager();
  manager.register(new ShowLogCommand(ctx));
  manager.register(new AddClusterCommand(ctx));
  manager.register(new RemoveClusterCommand(ctx));
  manager.register(new RefreshCommand(deps.tree));
  manager.register(new ConvertWorkspaceCommand(ctx, deps.identities));
  ctx.pushExtCleanup(manager);
  return manager;
}
