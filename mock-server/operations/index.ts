import { getContact } from './get-contact.js';
import { getPersonContacts } from './get-person-contacts.js';
import type { OperationHandler } from './handler-context.js';
import { getCustomFieldDefinitions, getCustomFieldValue, setCustomFieldValue } from './custom-fields.js';
import { listBranches } from './list-branches.js';
import { listContacts } from './list-contacts.js';

/** One handler per operationId of the contract; the app refuses to start if one is missing. */
export const OPERATION_HANDLERS: Readonly<Record<string, OperationHandler>> = {
  listBranches,
  listTenants: listContacts('tenants'),
  listLandlords: listContacts('landlords'),
  listLettingsApplicants: listContacts('lettingsApplicants'),
  listSalesApplicants: listContacts('salesApplicants'),
  listVendors: listContacts('vendors'),
  getPersonContacts,
  getTenant: getContact('tenants'),
  getLandlord: getContact('landlords'),
  getLettingsApplicant: getContact('lettingsApplicants'),
  getSalesApplicant: getContact('salesApplicants'),
  getVendor: getContact('vendors'),
  getCustomFieldDefinitions,
  getCustomFieldValue,
  setCustomFieldValue,
};
