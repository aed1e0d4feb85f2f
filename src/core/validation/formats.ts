/**
 * The string formats the server knows: ajv-formats' full set plus the two rest-typings adds
 * (`basic_email`, `rfc_email`). Shared by the run-time ajv instances and the precompiled validators
 * (which reference `formats.<name>` from here instead of embedding code).
 */
import { fullFormats } from 'ajv-formats/dist/formats';

export const BASIC_EMAIL = /^[^@]+@[^@]+$/;
export const RFC_EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export const formats: Record<string, unknown> = {
  ...fullFormats,
  basic_email: BASIC_EMAIL,
  rfc_email: RFC_EMAIL,
};
