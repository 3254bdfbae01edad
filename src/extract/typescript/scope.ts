/** The lexical scope model: which declaration a name refers to, and what classes know about their members. */
import type { TSESTree } from '@typescript-eslint/types';
import type { Node } from './ast.js';
import { stringValue } from './ast.js';

/** One step into a destructuring pattern: `const { a: { b } } = x` binds `b` at path `['a', 'b']`. */
export type PathStep = string;

/** A `const`/`let`/`var` binding, possibly from a destructuring pattern. */
export interface VariableBinding {
  kind: 'variable';
  declaration: 'const' | 'let' | 'var' | 'using';
  name: string;
  /** The declarator's initializer. */
  init: Node | null;
  /** Member path from `init` to this binding; null when the pattern hides it (arrays, rest elements). */
  path: PathStep[] | null;
  /** Default of the pattern element (`{ X = 'd' }`). */
  defaultValue: Node | null;
  /** Declared type name (`const http: HttpService = …`). */
  typeName: string | null;
  /** Scope the initializer is evaluated in. */
  scope: Scope;
}

/** An ESM import, `import x = require()`, or the namespace of one. */
export interface ImportBinding {
  kind: 'import';
  name: string;
  specifier: string;
  /** Exported name read: `default`, `*` (namespace) or the named export. */
  imported: string;
}

/** A function or catch parameter: its value is unknown, but its declared type says what it is. */
export interface ParamBinding {
  kind: 'param';
  name: string;
  typeName: string | null;
}

/** Functions, classes and other declarations that fold to nothing but still shadow globals. */
export interface OtherBinding {
  kind: 'other';
  name: string;
}

/** A TypeScript `enum` or `const enum` (not `declare`d): an object of constant members. */
export interface EnumBinding {
  kind: 'enum';
  name: string;
  /** Declarations in source order: two `enum X` in one scope merge into one object. */
  declarations: EnumDeclaration[];
}

/** One declaration of an enum. */
export interface EnumDeclaration {
  node: TSESTree.TSEnumDeclaration;
  /** Scope of the enum body, where the members are in scope (`B = A` reads member `A`). */
  body: Scope;
}

/** A member name inside its enum's body. */
export interface EnumMemberBinding {
  kind: 'enum-member';
  name: string;
  owner: EnumBinding;
}

/** What a name can be bound to. */
export type Binding = VariableBinding | ImportBinding | ParamBinding | OtherBinding | EnumBinding | EnumMemberBinding;

/** A class instance member: a property, a parameter property, or a field assigned in a method. */
export interface ClassMember {
  name: string;
  typeName: string | null;
  init: Node | null;
  /** Scope `init` is evaluated in. */
  scope: Scope;
  /** Whether `init` came from a `this.x = …` assignment outside the constructor (lower precedence). */
  fromMethod: boolean;
}

/** What the walk learned about one class. */
export interface ClassInfo {
  start: number;
  members: Map<string, ClassMember>;
}

/** Facts about the whole file that scopes share. */
export interface ModuleInfo {
  text: string;
  /** Names assigned anywhere in the file (`x = …`, `x++`, `for (x of …)`); such `let`s do not fold. */
  reassigned: Set<string>;
}

/** Scope kinds: `function` scopes take `var`s; `class` scopes give `this` a class. */
export type ScopeKind = 'module' | 'function' | 'block' | 'class';

/** One lexical scope. */
export class Scope {
  readonly bindings = new Map<string, Binding>();

  /**
   * @param thisClass - class whose instance `this` is here (methods, property initializers, their arrows)
   * @param constructorOf - set on a constructor's own scope, so `this.x = …` there defines members
   */
  constructor(
    readonly parent: Scope | null,
    readonly kind: ScopeKind,
    readonly module: ModuleInfo,
    readonly thisClass: ClassInfo | null,
    readonly constructorOf: ClassInfo | null = null,
  ) {}

  /** Declares a name here. A second declaration of a name in one scope counts as a reassignment. */
  declare(binding: Binding): void {
    if (this.bindings.has(binding.name)) this.module.reassigned.add(binding.name);
    this.bindings.set(binding.name, binding);
  }

  /** The binding `name` refers to from here, or null for a global / undeclared name. */
  lookup(name: string): Binding | null {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      const found = scope.bindings.get(name);
      if (found) return found;
    }
    return null;
  }

  /** Whether `name` is the global (not shadowed by any declaration in scope). */
  isGlobal(name: string): boolean {
    return this.lookup(name) === null;
  }

  /** The nearest scope that takes `var` declarations. */
  varScope(): Scope {
    let scope: Scope = this;
    while (scope.kind !== 'function' && scope.kind !== 'module' && scope.parent) scope = scope.parent;
    return scope;
  }

  /** The module scope (where imports live). */
  root(): Scope {
    let scope: Scope = this;
    while (scope.parent) scope = scope.parent;
    return scope;
  }
}

/** The name of an enum member: `A`, `'a-b'`, `['a-b']` or `` [`a-b`] ``; null for anything else. */
export function enumMemberName(member: TSESTree.TSEnumMember): string | null {
  return member.id.type === 'Identifier' ? member.id.name : stringValue(member.id);
}

/** Whether a variable binding may be folded: `const` always, `let`/`var` only if never reassigned. */
export function isStable(binding: VariableBinding): boolean {
  return binding.declaration === 'const' || binding.declaration === 'using' || !binding.scope.module.reassigned.has(binding.name);
}
