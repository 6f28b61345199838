import type { Ctx } from '../ctx';
import type { Command } from './commandManager';
import { CommandIds } from './ids';

export class ShowLogCommand implements Command {
  readonly id = CommandIds.showLog;
  constructor(private readonly ctx: Ctx) {}
  execute(): void {
    this.ctx.log.show();
  }
}
