// Signature help from Kusto.Language's syntax tree: Kusto's code service has no
// signature-help call, but the analysed tree knows which function a call binds
// to, its signatures and parameters; the argument under the caret is counted
// from the commas before it.
import type { SignatureHelp, SignatureInformation } from 'vscode-languageserver';

import type { CallNode, List, Node, Parameter, SignatureSource } from '../kqlParser/signatureSource';

export type { SignatureSource };

function items<T>(list: List<T> | null | undefined): T[] {
  const out: T[] = [];
  for (let i = 0; list && i < list.Count; i++) out.push(list.getItem(i));
  return out;
}

function parameterType(p: Parameter, kinds: Record<number, string>): string {
  const declared = items(p.DeclaredTypes).map((t) => t.Name).filter((n): n is string => !!n);
  if (declared.length) return declared.join(' | ');
  const kind = kinds[p.TypeKind] ?? 'any';
  return kind.replace(/^Common/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/ or /g, ' | ');
}

/** Signature help at `position` (an offset into the block), or null outside a call's parentheses. */
export function signatureHelpAt(source: SignatureSource, position: number): SignatureHelp | null {
  let token = source.syntax.GetTokenAt(position);
  // At the start of a token (`ago(|` at the end of text, `bin(|x`), the caret belongs to the token before.
  if (token && token.TextStart >= position) token = token.GetPreviousToken() ?? token;
  let node: Node | null = token?.Parent ?? null;
  for (; node; node = node.Parent) {
    if (node.Kind !== source.functionCallKind) continue;
    const call = node as CallNode;
    const args = call.ArgumentList;
    if (!args || args.OpenParen.End > position) continue;
    if (args.CloseParen && args.CloseParen.End > args.CloseParen.TextStart && args.CloseParen.TextStart < position) continue;
    const symbol = call.ReferencedSymbol;
    const signatures = items(symbol?.Signatures).filter((s) => !s.IsHidden);
    if (!symbol?.Name || signatures.length === 0) return null;
    const active = items(args.Expressions).filter((e) => e.Separator && e.Separator.End <= position).length;
    const infos: SignatureInformation[] = signatures.map((s) => {
      const parameters = items(s.Parameters).map((p) => {
        const name = p.IsRepeatable ? `${p.Name ?? ''}...` : p.Name ?? '';
        return `${name}${p.IsOptional ? '?' : ''}: ${parameterType(p, source.parameterKinds)}`;
      });
      return { label: `${symbol.Name}(${parameters.join(', ')})`, parameters: parameters.map((label) => ({ label })) };
    });
    const fits = signatures.findIndex((s) => active < items(s.Parameters).length || s.HasRepeatableParameters);
    const activeSignature = Math.max(0, fits);
    const count = infos[activeSignature].parameters?.length ?? 0;
    return { signatures: infos, activeSignature, activeParameter: count ? Math.min(active, count - 1) : 0 };
  }
  return null;
}
