// C# (`Kusto.Ingest`): IngestFromStorageAsync(uri, props[, sourceOptions]) needs
// `StorageSourceOptions.Size` (formerly `BlobSourceOptions`) with a
// managed-identity URI; the legacy IngestFromSingleBlobAsync(uri,
// deleteSourceOnSuccess, props[, rawDataSize]) needs `rawDataSize`.

import type { Finding, TextEdit } from '../core/findings';
import {
  appendToList, insertLineAbove, missingSizeMessage,
  replaceNode, sizeFinding,
} from './fixes';
import type { FileAnalysis, LanguageRules } from './language';
import { queryRange, type LoadedGrammar, type Node, type Query } from './loader';
import { concatenationShape, identifiersUnder, interpolatedShape, queryBindings, type Binding, type MiResolver, type ScopeRules, type StringShape } from './miLiteral';
import { capture, childrenOf, isFirstOnLine, namedChildrenOf } from './syntax';
import { tokenOffsets } from './tokens';

const STORAGE_CALL = 'IngestFromStorageAsync';
const LEGACY_CALL = 'IngestFromSingleBlobAsync';
const OPTION_TYPES = new Set(['StorageSourceOptions', 'BlobSourceOptions']);

const FUNCTION_TYPES = new Set([
  'method_declaration', 'constructor_declaration', 'destructor_declaration', 'operator_declaration',
  'conversion_operator_declaration', 'local_function_statement', 'lambda_expression',
  'anonymous_method_expression', 'accessor_declaration', 'property_declaration', 'indexer_declaration',
]);
const BOUNDARY_TYPES = new Set(['field_declaration', 'event_field_declaration', 'enum_member_declaration', 'attribute_list', 'parameter']);
const PARAMETER_NAME_TYPES = new Set(['identifier', 'implicit_parameter']);
const STATEMENT_PARENTS = new Set(['block', 'switch_section', 'global_statement']);
const NULLISH = new Set(['null_literal', 'default_expression']);

const BINDINGS_QUERY = `
(variable_declarator name: (identifier) @name) @declarator
(assignment_expression left: (identifier) @name) @assignment
(foreach_statement left: (identifier) @name) @other
(declaration_expression name: (identifier) @name) @other
(declaration_pattern name: (identifier) @name) @other
`;

const SIZE_ASSIGNMENT_QUERY = `
(assignment_expression
  left: (member_access_expression expression: (identifier) @object name: (identifier) @property)) @assignment
`;

/** The value after `=` in a variable declarator. */
function declaratorValue(declarator: Node): Node | null {
  let afterEquals = false;
  for (const child of childrenOf(declarator)) {
    if (afterEquals && child.isNamed) return child;
    if (child.type === '=') afterEquals = true;
  }
  return null;
}

function unwrapExpression(node: Node): Node {
  let current = node;
  for (;;) {
    if (current.type === 'parenthesized_expression') {
      const inner = current.firstNamedChild;
      if (!inner) return current;
      current = inner;
    } else if (current.type === 'cast_expression') {
      const inner = current.childForFieldName('value');
      if (!inner) return current;
      current = inner;
    } else {
      return current;
    }
  }
}

function shape(expr: Node): StringShape | null {
  const e = unwrapExpression(expr);
  switch (e.type) {
    case 'string_literal':
    case 'verbatim_string_literal':
    case 'raw_string_literal':
      return { literals: [e.text], refs: [] };
    case 'interpolated_string_expression':
      return interpolatedShape(e, 'interpolation', namedChildrenOf);
    case 'binary_expression':
      return concatenationShape(e, shape);
    case 'identifier':
      return { literals: [], refs: [e] };
    default:
      return null;
  }
}

function simpleTypeName(type: Node | null): string | undefined {
  if (!type) return undefined;
  if (type.type === 'identifier') return type.text;
  if (type.type === 'qualified_name') return type.childForFieldName('name')?.text;
  return undefined;
}

function modifiersOf(node: Node): Set<string> {
  return new Set(childrenOf(node).filter((c) => c.type === 'modifier').map((c) => c.text));
}

interface Arguments {
  readonly list: Node;
  readonly positional: Node[];
  readonly named: Map<string, Node>;
  readonly count: number;
}

function readArguments(list: Node): Arguments {
  const positional: Node[] = [];
  const named = new Map<string, Node>();
  let count = 0;
  for (const arg of namedChildrenOf(list)) {
    if (arg.type !== 'argument') continue;
    count++;
    const name = arg.childForFieldName('name');
    const value = arg.lastNamedChild;
    if (!value || (name && value.id === name.id)) continue;
    if (name) named.set(name.text, value);
    else positional.push(value);
  }
  return { list, positional, named, count };
}

type OptionsState =
  | { readonly kind: 'set' }
  | { readonly kind: 'null'; readonly value: Node }
  | { readonly kind: 'missing'; readonly initializer: Node | null }
  | { readonly kind: 'unknown' };

/**
 * What a `new StorageSourceOptions(...) { ... }` (or target-typed `new() { ... }`
 * when `targetTyped`) does with Size.
 */
function optionsCreation(creation: Node, targetTyped: boolean): OptionsState {
  let args: Node | null = null;
  let initializer: Node | null = null;
  if (creation.type === 'object_creation_expression') {
    if (!OPTION_TYPES.has(simpleTypeName(creation.childForFieldName('type')) ?? '')) return { kind: 'unknown' };
    args = creation.childForFieldName('arguments');
    initializer = creation.childForFieldName('initializer');
  } else if (creation.type === 'implicit_object_creation_expression' && targetTyped) {
    for (const child of namedChildrenOf(creation)) {
      if (child.type === 'argument_list') args = child;
      else if (child.type === 'initializer_expression') initializer = child;
    }
  } else {
    return { kind: 'unknown' };
  }
  if (args && namedChildrenOf(args).some((c) => c.type === 'argument')) return { kind: 'unknown' };
  if (initializer) {
    for (const item of namedChildrenOf(initializer)) {
      if (item.type !== 'assignment_expression' || item.childForFieldName('left')?.text !== 'Size') continue;
      const value = item.childForFieldName('right');
      return value && NULLISH.has(unwrapExpression(value).type) ? { kind: 'null', value } : { kind: 'set' };
    }
  }
  return { kind: 'missing', initializer };
}

/** The statement holding `node` that sits directly in a block. */
function enclosingStatement(node: Node): Node | null {
  for (let p: Node | null = node; p; p = p.parent) {
    const parent = p.parent;
    if (parent && STATEMENT_PARENTS.has(parent.type)) return p;
  }
  return null;
}

export const CSHARP_TRIGGERS: readonly string[] = [STORAGE_CALL, LEGACY_CALL];

export function createCSharpRules(grammar: LoadedGrammar): LanguageRules {
  const { api, language } = grammar;
  const bindingsQuery: Query = new api.Query(language, BINDINGS_QUERY);
  const sizeAssignmentQuery: Query = new api.Query(language, SIZE_ASSIGNMENT_QUERY);

  const scope: ScopeRules = {
    functionTypes: FUNCTION_TYPES,
    boundaryTypes: BOUNDARY_TYPES,
    parameterNames(fn) {
      const names = new Set<string>();
      identifiersUnder(fn.childForFieldName('parameters'), PARAMETER_NAME_TYPES, names);
      if (fn.type === 'accessor_declaration') names.add('value');
      return names;
    },
    bindings(container, start, end) {
      return queryBindings(bindingsQuery, container, start, end, (name, m) => {
        const declarator = capture(m, 'declarator');
        if (declarator) return { name: name.text, node: declarator, value: declaratorValue(declarator), append: false };
        const assignment = capture(m, 'assignment');
        if (!assignment) return undefined;
        const op = assignment.childForFieldName('operator')?.type;
        const value = assignment.childForFieldName('right');
        if (op === '=') return { name: name.text, node: assignment, value, append: false };
        if (op === '+=' || op === '??=') return { name: name.text, node: assignment, value, append: true };
        return { name: name.text, node: assignment, value: null, append: false };
      });
    },
    isModuleCode: (child) => child.type === 'global_statement',
    moduleConstant(name) {
      const declarator = name.parent;
      if (declarator?.type !== 'variable_declarator' || declarator.childForFieldName('name')?.id !== name.id) return undefined;
      const field = declarator.parent?.parent;
      if (field?.type !== 'field_declaration') return undefined;
      const modifiers = modifiersOf(field);
      if (!modifiers.has('const') && !(modifiers.has('static') && modifiers.has('readonly'))) return undefined;
      return { value: declaratorValue(declarator) };
    },
    shape,
  };

  return {
    triggers: CSHARP_TRIGGERS,
    scope,
    callAt(token) {
      if (token.type !== 'identifier') return null;
      let callee: Node | null = token;
      const parent = token.parent;
      if (parent?.type === 'member_access_expression' && parent.childForFieldName('name')?.id === token.id) {
        callee = parent;
      } else if (parent?.type === 'member_binding_expression') {
        callee = parent.parent?.type === 'conditional_access_expression' ? parent.parent : null;
      }
      const call = callee?.parent;
      if (!callee || call?.type !== 'invocation_expression' || call.childForFieldName('function')?.id !== callee.id) return null;
      return call.childForFieldName('arguments') ? call : null;
    },
    begin(root, text) {
      const optionsType = optionsTypeName(root, text);
      const sizeScans = new Map<string, SizeScan>();
      return {
        factsKey: optionsType,
        analyzeCall(call, callee, resolver) {
          const list = call.childForFieldName('arguments');
          if (!list) return null;
          const args = readArguments(list);
          const ctx: CallContext = { text, root, call, callee, args, resolver, optionsType, sizeAssignmentQuery, sizeScans };
          return callee.text === LEGACY_CALL ? legacyCall(ctx) : storageCall(ctx);
        },
      } satisfies FileAnalysis;
    },
  };
}

/** `StorageSourceOptions`, unless the file only knows the pre-2024 name `BlobSourceOptions`. */
function optionsTypeName(root: Node, text: string): string {
  const usesType = (name: string) => tokenOffsets(text, [name]).some(({ offset, length }) => {
    const node = root.descendantForIndex(offset, offset + length);
    return node?.type === 'identifier' && node.startIndex === offset && node.endIndex === offset + length;
  });
  if (!text.includes('BlobSourceOptions') || usesType('StorageSourceOptions')) return 'StorageSourceOptions';
  return usesType('BlobSourceOptions') ? 'BlobSourceOptions' : 'StorageSourceOptions';
}

interface CallContext {
  readonly text: string;
  readonly root: Node;
  readonly call: Node;
  readonly callee: Node;
  readonly args: Arguments;
  readonly resolver: MiResolver;
  readonly optionsType: string;
  readonly sizeAssignmentQuery: Query;
  /** Per options variable binding (key: name and where the binding ends), this analysis. */
  readonly sizeScans: Map<string, SizeScan>;
}

/**
 * How far after a binding the text was searched for `name.Size = ...`, and the
 * earliest end of such an assignment found: calls on the same variable extend
 * the search instead of repeating it, so a method with many calls stays linear.
 */
interface SizeScan {
  scannedTo: number;
  firstEnd: number;
}

// Just the value: the title and the message explain it (a long inline comment was noise in the code).
const SIZE_ZERO = 'Size = 0';
const ADD_SIZE_TITLE = 'Add Size = 0 (let the service discover the blob size)';
const SET_SIZE_TITLE = 'Set Size = 0 (let the service discover the blob size)';

/**
 * The argument for parameter `name` at `position`: a named argument, else the
 * positional one; `missing` when the call has too few arguments to reach it;
 * undefined when named arguments make the position unclear.
 */
function argumentFor(args: Arguments, name: string, position: number): Node | 'missing' | undefined {
  const named = args.named.get(name);
  if (named) return named;
  if (args.count <= position) return 'missing';
  return args.named.size === 0 ? args.positional[position] : undefined;
}

function storageCall(ctx: CallContext): Finding | null {
  const { args, callee, text, optionsType } = ctx;
  const uri = args.named.get('uri') ?? args.positional[0];
  if (!uri || args.count < 2 || !ctx.resolver.isManagedIdentity(uri)) return null;
  const name = callee.text;
  const newOptions = `new ${optionsType} { ${SIZE_ZERO} }`;
  const options = argumentFor(args, 'sourceOptions', 2);
  if (options === undefined) return null;

  if (options === 'missing') {
    const message = missingSizeMessage(
      `${name} gets a managed-identity blob URI but no source options with a Size`,
      `Pass new ${optionsType} { Size = <raw (uncompressed) data size> }`);
    const item = args.named.size > 0 ? `sourceOptions: ${newOptions}` : newOptions;
    return sizeFinding(callee, message, ADD_SIZE_TITLE, appendToList(text, args.list, item));
  }

  const value = unwrapExpression(options);
  if (NULLISH.has(value.type)) {
    const message = missingSizeMessage(
      `${name} gets a managed-identity blob URI and null source options, so no Size`,
      `Pass new ${optionsType} { Size = <raw (uncompressed) data size> }`);
    return sizeFinding(callee, message, ADD_SIZE_TITLE, replaceNode(value, newOptions));
  }

  if (value.type === 'object_creation_expression' || value.type === 'implicit_object_creation_expression') {
    const state = optionsCreation(value, true);
    const typeName = simpleTypeName(value.childForFieldName('type')) ?? optionsType;
    return creationFinding(ctx, value, state, `The ${typeName} given to ${name} with a managed-identity blob URI`, 'Set its Size');
  }

  if (value.type === 'identifier') return optionsVariable(ctx, value);
  return null; // built elsewhere (a call, a field, a parameter): not provably missing
}

function creationFinding(ctx: CallContext, creation: Node, state: OptionsState, subject: string, fixWords: string): Finding | null {
  const fixPhrase = `${fixWords} to the raw (uncompressed) data size`;
  if (state.kind === 'null') {
    const message = missingSizeMessage(`${subject} sets Size = null`, fixPhrase);
    return sizeFinding(ctx.callee, message, SET_SIZE_TITLE, replaceNode(state.value, '0'));
  }
  if (state.kind !== 'missing') return null;
  const message = missingSizeMessage(`${subject} sets no Size`, fixPhrase);
  const edits = state.initializer
    ? appendToList(ctx.text, state.initializer, SIZE_ZERO)
    : [{ start: creation.endIndex, end: creation.endIndex, newText: ` { ${SIZE_ZERO} }` }];
  return sizeFinding(ctx.callee, message, ADD_SIZE_TITLE, edits);
}

/** `IngestFromStorageAsync(uri, props, opts)` with `opts` a local whose Size is never set before the call. */
function optionsVariable(ctx: CallContext, ref: Node): Finding | null {
  const found = ctx.resolver.lookup(ref);
  if (found.kind !== 'local') return null;
  const last = found.bindings[found.bindings.length - 1] as Binding;
  if (last.append || !last.value) return null;
  const declaredType = last.node.type === 'variable_declarator'
    ? simpleTypeName(last.node.parent?.childForFieldName('type') ?? null)
    : undefined;
  const creation = unwrapExpression(last.value);
  const state = optionsCreation(creation, declaredType !== undefined && OPTION_TYPES.has(declaredType));
  if (state.kind === 'unknown' || state.kind === 'set') return null;
  if (sizeAssignedBetween(ctx, ref.text, last.node.endIndex, ctx.call.startIndex)) return null;

  const name = ref.text;
  const subject = `'${name}' is given to ${ctx.callee.text} with a managed-identity blob URI`;
  if (state.kind === 'null' || state.initializer) {
    return creationFinding(ctx, creation, state, `${subject}, but its initializer`, `Set ${name}.Size`);
  }
  const message = missingSizeMessage(`${subject}, but its Size is not set before the call`,
    `Set ${name}.Size to the raw (uncompressed) data size`);
  const statement = enclosingStatement(ctx.call);
  const edits: TextEdit[] | null = statement && isFirstOnLine(ctx.text, statement.startIndex)
    ? insertLineAbove(ctx.text, statement.startIndex, `${name}.Size = 0;`)
    : null;
  return sizeFinding(ctx.callee, message, ADD_SIZE_TITLE, edits);
}

/** Is `name.Size` assigned anywhere in [start, end)? */
function sizeAssignedBetween(ctx: CallContext, name: string, start: number, end: number): boolean {
  if (end <= start) return false;
  const key = `${name}\u0000${start}`;
  let scan = ctx.sizeScans.get(key);
  if (!scan) {
    scan = { scannedTo: start, firstEnd: Infinity };
    ctx.sizeScans.set(key, scan);
  }
  if (end > scan.scannedTo) {
    // Matches intersect the range: one straddling the previous limit is seen now.
    for (const m of ctx.sizeAssignmentQuery.matches(ctx.root, queryRange(scan.scannedTo, end))) {
      const assignment = capture(m, 'assignment');
      if (!assignment || assignment.startIndex < start) continue;
      if (capture(m, 'object')?.text === name && capture(m, 'property')?.text === 'Size') {
        scan.firstEnd = Math.min(scan.firstEnd, assignment.endIndex);
      }
    }
    scan.scannedTo = end;
  }
  return scan.firstEnd <= end;
}

function legacyCall(ctx: CallContext): Finding | null {
  const { args, callee, text } = ctx;
  const uri = args.named.get('blobUri') ?? args.named.get('uri') ?? args.positional[0];
  if (!uri || args.count < 3 || !ctx.resolver.isManagedIdentity(uri)) return null;
  const name = callee.text;
  const size = argumentFor(args, 'rawDataSize', 3);
  if (size === undefined) return null;
  const fixPhrase = 'Pass rawDataSize: the raw (uncompressed) data size';
  if (size === 'missing') {
    const message = missingSizeMessage(`${name} gets a managed-identity blob URI but no rawDataSize`, fixPhrase);
    const item = args.named.size > 0 ? 'rawDataSize: 0' : '0';
    return sizeFinding(callee, message, 'Pass rawDataSize 0 (let the service discover the blob size)', appendToList(text, args.list, item));
  }
  const value = unwrapExpression(size);
  if (NULLISH.has(value.type)) {
    const message = missingSizeMessage(`${name} gets a managed-identity blob URI and rawDataSize null`, fixPhrase);
    return sizeFinding(callee, message, 'Pass rawDataSize 0 (let the service discover the blob size)', replaceNode(value, '0'));
  }
  return null;
}
