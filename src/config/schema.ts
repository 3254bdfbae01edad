/** The archcheck configuration file schema (data only; never executed). */
import { z } from 'zod';

const level = z.enum(['error', 'warning', 'note', 'off']);

const ruleSetting = z.union([
  level,
  z.tuple([level, z.record(z.string(), z.unknown())]),
]);

export const configSchema = z
  .object({
    $schema: z.string().optional().describe('JSON Schema reference, ignored by archcheck'),
    services: z
      .record(
        z.string().min(1),
        z.union([z.string().min(1), z.object({ root: z.string().min(1) }).strict()]),
      )
      .optional()
      .describe('Services by name with their root folder; names or overrides what discovery finds'),
    ignore: z
      .array(z.string())
      .default([])
      .describe('Globs (gitignore syntax) of paths to leave out of the analysis, on top of .gitignore'),
    sharedPackages: z
      .array(z.string())
      .default([])
      .describe('Package names or folders that are shared libraries, never services, and fine to import'),
    maxFileSize: z
      .number()
      .int()
      .positive()
      .default(2_000_000)
      .describe('Files larger than this many bytes are skipped and reported in errors'),
    externalTopics: z
      .array(z.string())
      .default([])
      .describe('Topics whose other side lives in another repository: names or `broker:name`, globs allowed (read by no-orphan-event, on top of its option)'),
    rules: z
      .record(z.string(), ruleSetting)
      .default({})
      .describe('Rule severities, or [severity, options], by rule id'),
  })
  .strict();

export type ArchcheckConfigInput = z.input<typeof configSchema>;
export type ArchcheckConfig = z.output<typeof configSchema>;

export const defaultConfig: ArchcheckConfig = configSchema.parse({});
