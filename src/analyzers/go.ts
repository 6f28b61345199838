// Go (`azure-kusto-go`): ingestor.FromFile(ctx, path, ...FileOption) without a
// RawDataSize(...) option makes the client fetch the blob size from storage; with
// a managed-identity URI that fails. The package is found under whatever name the
// file imports `github.com/Azure/azure-kusto-go/kusto/ingest` (or
// `.../azkustoingest`) as; without that import nothing is reported.

import type { Finding } from '../core/findings';
import { appendToList, missingSizeMessage, sizeFinding } from './fixes';
import type { FileAnalysis, LanguageRules } from './language';
import { queryRange, type LoadedGrammar, type Node, type Query } from './loader';
import { concatenationShape, identifiersUnder, type Binding, type ScopeRules, type StringShape } from './miLiteral';
import { capture, childrenOf, listItems, namedChildrenOf } from './syntax';

const FROM_FILE = 'FromFile';
const RAW_DATA_SIZE = 'RawDataSize';
const INGEST_PACKAGES = /^github\.com\/Azure\/azure-kusto-go(\/v\d+)?\/(kusto\/ingest|azkustoingest)$/;
const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const BOUNDARY_TYPES = new Set<string>();
const IDENTIFIER = new Set(['identifier']);

const BINDINGS_QUERY = `
(short_var_declaration) @short
(assignment_statement) @assignment
(var_spec) @spec
(const_spec) @spec
(range_clause) @range
`;

const IMPORTS_QUERY = `(import_spec path: (_) @path) @spec`;

function shape(expr: Node): StringShape | null {
  switch (expr.type) {
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return { literals: [expr.text], refs: [] };
    case 'parenthesized_expression': {
      const inner = expr.firstNamedChild;
      return inner ? shape(inner) : null;
    }
    case 'binary_expression':
      return concatenationShape(expr, shape);
    case 'call_expression': {
      // fmt.Sprintf("...;managed_identity=%s", oid): Go's string interpolation.
      const fn = expr.childForFieldName('function');
      if (fn?.type !== 'selector_expression' || fn.childForFieldName('operand')?.text !== 'fmt'
        || fn.childForFieldName('field')?.text !== 'Sprintf') return null;
      const format = expr.childForFieldName('arguments')?.firstNamedChild;
      return format ? shape(format) : null;
    }
    case 'identifier':
      return { literals: [], refs: [expr] };
    default:
      return null;
  }
}

/** Pairs each identifier on the left with the expression at the same position on the right. */
function pairs(left: Node[], right: Node[], node: Node, append: boolean): Binding[] {
  return left
    .filter((l) => l.type === 'identifier')
    .map((l) => ({
      name: l.text,
      node,
      value: left.length === right.length ? right[left.indexOf(l)] ?? null : null,
      append,
    }));
}

function expressions(list: Node | null): Node[] {
  if (!list) return [];
  return list.type === 'expression_list' ? namedChildrenOf(list) : [list];
}

/** The package name the file imports the Kusto ingest package as ('' for a dot import). */
function ingestAlias(root: Node, importsQuery: Query): string | undefined {
  for (const decl of namedChildrenOf(root)) {
    if (decl.type !== 'import_declaration') continue;
    for (const m of importsQuery.matches(decl)) {
      const path = capture(m, 'path');
      const spec = capture(m, 'spec');
      if (!path || !spec) continue;
      const importPath = path.text.slice(1, -1);
      if (!INGEST_PACKAGES.test(importPath)) continue;
      const name = spec.childForFieldName('name');
      if (!name) return importPath.slice(importPath.lastIndexOf('/') + 1);
      if (name.type === 'dot') return '';
      if (name.type === 'package_identifier') return name.text;
    }
  }
  return undefined;
}

export const GO_TRIGGERS: readonly string[] = [FROM_FILE];

export function createGoRules(grammar: LoadedGrammar): LanguageRules {
  const { api, language } = grammar;
  const bindingsQuery = new api.Query(language, BINDINGS_QUERY);
  const importsQuery = new api.Query(language, IMPORTS_QUERY);

  const scope: ScopeRules = {
    functionTypes: FUNCTION_TYPES,
    boundaryTypes: BOUNDARY_TYPES,
    parameterNames(fn) {
      const names = new Set<string>();
      for (const field of ['receiver', 'parameters', 'result']) identifiersUnder(fn.childForFieldName(field), IDENTIFIER, names);
      return names;
    },
    bindings(container, start, end) {
      const out: Binding[] = [];
      for (const m of bindingsQuery.matches(container, queryRange(start, end))) {
        const node = m.captures[0]?.node;
        if (!node) continue;
        const kind = m.captures[0]?.name;
        if (kind === 'short') {
          out.push(...pairs(expressions(node.childForFieldName('left')), expressions(node.childForFieldName('right')), node, false));
        } else if (kind === 'assignment') {
          const op = node.childForFieldName('operator')?.type;
          const bound = pairs(expressions(node.childForFieldName('left')), expressions(node.childForFieldName('right')), node, op === '+=');
          out.push(...(op === '=' || op === '+=' ? bound : bound.map((b) => ({ ...b, value: null }))));
        } else if (kind === 'spec') {
          const names = node.childrenForFieldName('name').filter((n): n is Node => !!n);
          out.push(...pairs(names, expressions(node.childForFieldName('value')), node, false));
        } else if (kind === 'range') {
          const left = expressions(node.childForFieldName('left'));
          out.push(...left.filter((l) => l.type === 'identifier').map((l) => ({ name: l.text, node, value: null, append: false })));
        }
      }
      return out;
    },
    isModuleCode: (child) => child.type === 'var_declaration' || child.type === 'const_declaration',
    moduleConstant(name) {
      const spec = name.parent;
      if (spec?.type !== 'const_spec' || spec.parent?.type !== 'const_declaration' || spec.parent.parent?.type !== 'source_file') return undefined;
      const names = spec.childrenForFieldName('name').filter((n): n is Node => !!n);
      const index = names.findIndex((n) => n.id === name.id);
      if (index < 0) return undefined;
      const values = expressions(spec.childForFieldName('value'));
      return { value: values.length === names.length ? values[index] ?? null : null };
    },
    shape,
  };

  return {
    triggers: GO_TRIGGERS,
    scope,
    callAt(token) {
      if (token.type !== 'field_identifier') return null;
      const selector = token.parent;
      if (selector?.type !== 'selector_expression' || selector.childForFieldName('field')?.id !== token.id) return null;
      const call = selector.parent;
      if (call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== selector.id) return null;
      return call.childForFieldName('arguments') ? call : null;
    },
    begin(root, text) {
      const alias = ingestAlias(root, importsQuery);
      const qualify = (name: string) => (alias ? `${alias}.${name}` : name);
      /** Is `option` a call to the ingest package: `alias.X(...)` (or `X(...)` after a dot import)? */
      const optionName = (option: Node): string | undefined => {
        if (option.type !== 'call_expression') return undefined;
        const fn = option.childForFieldName('function');
        if (alias === '') return fn?.type === 'identifier' ? fn.text : undefined;
        if (fn?.type !== 'selector_expression' || fn.childForFieldName('operand')?.text !== alias) return undefined;
        return fn.childForFieldName('field')?.text;
      };
      return {
        factsKey: alias ?? '\u0000none',
        analyzeCall(call, callee, resolver): Finding | null {
          if (alias === undefined) return null;
          const list = call.childForFieldName('arguments');
          if (!list) return null;
          const items = listItems(list);
          if (items.length < 2 || childrenOf(list).some((c) => c.type === '...') || items.some((i) => i.type === 'variadic_argument')) return null;
          if (!resolver.isManagedIdentity(items[1] as Node)) return null;
          const options = items.slice(2).map(optionName);
          // An option built elsewhere (a variable, a helper) may carry the size: not provably missing.
          if (options.some((o) => o === undefined || o === RAW_DATA_SIZE)) return null;
          const message = missingSizeMessage(
            `${FROM_FILE} gets a managed-identity blob URI but no ${qualify(RAW_DATA_SIZE)} option`,
            `Pass ${qualify(RAW_DATA_SIZE)}(<raw (uncompressed) data size>)`);
          return sizeFinding(callee, message, `Add ${qualify(RAW_DATA_SIZE)}(0) (let the service discover the blob size)`,
            appendToList(text, list, `${qualify(RAW_DATA_SIZE)}(0)`));
        },
      } satisfies FileAnalysis;
    },
  };
}
