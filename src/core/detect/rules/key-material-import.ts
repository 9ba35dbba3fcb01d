import { text } from '../../normalize/fields.js';
import { callsRule } from '../../athena/rule-sql.js';
import { asAttempt, judgeNewCalls } from '../event-rule.js';
import { shortKeyAt, shortPrincipal } from '../names.js';
import type { DetectionRule } from '../rule.js';
import type { Severity } from '../types.js';

/** Who controls the key material: imported material and custom key stores move it outside KMS. */
const MATERIAL: Record<string, { severity: Severity; title: string; did: string }> = {
  ImportKeyMaterial: { severity: 'medium', title: 'Key material imported', did: 'imported key material into' },
  GetParametersForImport: { severity: 'low', title: 'Key material import prepared', did: 'fetched the wrapping key and import token for' },
  CreateCustomKeyStore: { severity: 'medium', title: 'Custom key store created', did: 'created a custom key store' },
  ConnectCustomKeyStore: { severity: 'low', title: 'Custom key store connected', did: 'connected a custom key store' },
  UpdateCustomKeyStore: { severity: 'medium', title: 'Custom key store changed', did: 'changed the settings of a custom key store' },
  DisconnectCustomKeyStore: { severity: 'low', title: 'Custom key store disconnected', did: 'disconnected a custom key store: its keys stop working' },
  DeleteCustomKeyStore: { severity: 'medium', title: 'Custom key store deleted', did: 'deleted a custom key store' },
};

export const keyMaterialImport: DetectionRule = {
  id: 'key-material-import',
  title: 'Key material imported or key store changed',
  severity: 'medium',
  summary: 'ImportKeyMaterial, GetParametersForImport, and custom key store create/connect/update/disconnect/delete',
  run(context) {
    judgeNewCalls(context, keyMaterialImport, Object.keys(MATERIAL), (event) => {
      const material = MATERIAL[event.row.eventName ?? ''];
      if (!material) return null;
      const store = text(event.request?.customKeyStoreId) ?? text(event.response?.customKeyStoreId);
      const target = event.keyRef ? ` ${shortKeyAt(context.keys, event.keyRef, event.time)}` : store ? ` (${store})` : '';
      const reason = `${shortPrincipal(event.row.principal)} ${material.did}${target}: key material outside KMS's own store can be copied or withdrawn by whoever holds it.`;
      return asAttempt(event, { severity: material.severity, title: material.title, reason });
    });
  },
  athena() {
    return callsRule(Object.keys(MATERIAL), ["coalesce(json_extract_scalar(requestparameters, '$.customKeyStoreId'), json_extract_scalar(responseelements, '$.customKeyStoreId')) AS custom_key_store"]);
  },
};
