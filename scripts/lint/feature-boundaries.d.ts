// Types for the rule, written in JavaScript so that eslint.config.js can load it without a compiler.
import type { Rule } from 'eslint';

export declare const featureBoundaries: Rule.RuleModule;
