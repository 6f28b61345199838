// Built-in Azure roles the readiness check meets, with their real ids and
// permissions (control-plane `actions`, data-plane `dataActions`). Owner and
// Contributor hold `*` actions but no dataActions: they cannot read blobs.
import type { ArmRoleDefinitionState } from './state';

export const ROLE_IDS = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-41ba-b6b6-6ba4c1c4c95e',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  storageAccountContributor: '17d1049b-9a84-46fb-8f53-869881c3d3ab',
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
} as const;

const CONTAINERS = 'Microsoft.Storage/storageAccounts/blobServices/containers';
const BLOBS = `${CONTAINERS}/blobs`;
const DELEGATION_KEY = 'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action';

function role(name: string, roleName: string, description: string, p: Partial<ArmRoleDefinitionState['permissions'][number]>): ArmRoleDefinitionState {
  return {
    name, roleName, description, roleType: 'BuiltInRole', assignableScopes: ['/'],
    permissions: [{ actions: p.actions ?? [], notActions: p.notActions ?? [], dataActions: p.dataActions ?? [], notDataActions: p.notDataActions ?? [] }],
  };
}

export function builtInRoleDefinitions(): ArmRoleDefinitionState[] {
  return [
    role(ROLE_IDS.owner, 'Owner', 'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.', { actions: ['*'] }),
    role(ROLE_IDS.contributor, 'Contributor', 'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.', {
      actions: ['*'],
      notActions: ['Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write', 'Microsoft.Authorization/elevateAccess/Action',
        'Microsoft.Blueprint/blueprintAssignments/write', 'Microsoft.Blueprint/blueprintAssignments/delete', 'Microsoft.Compute/galleries/share/action'],
    }),
    role(ROLE_IDS.reader, 'Reader', 'View all resources, but does not allow you to make any changes.', { actions: ['*/read'] }),
    role(ROLE_IDS.userAccessAdministrator, 'User Access Administrator', 'Lets you manage user access to Azure resources.', {
      actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
    }),
    role(ROLE_IDS.storageAccountContributor, 'Storage Account Contributor', 'Lets you manage storage accounts, but not access to them.', {
      actions: ['Microsoft.Authorization/*/read', 'Microsoft.Insights/alertRules/*', 'Microsoft.Network/virtualNetworks/subnets/joinViaServiceEndpoint/action',
        'Microsoft.Resources/deployments/*', 'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Storage/storageAccounts/*', 'Microsoft.Support/*'],
    }),
    role(ROLE_IDS.storageBlobDataReader, 'Storage Blob Data Reader', 'Allows for read access to Azure Storage blob containers and data', {
      actions: [`${CONTAINERS}/read`, DELEGATION_KEY],
      dataActions: [`${BLOBS}/read`],
    }),
    role(ROLE_IDS.storageBlobDataContributor, 'Storage Blob Data Contributor', 'Allows for read, write and delete access to Azure Storage blob containers and data', {
      actions: [`${CONTAINERS}/delete`, `${CONTAINERS}/read`, `${CONTAINERS}/write`, DELEGATION_KEY],
      dataActions: [`${BLOBS}/delete`, `${BLOBS}/read`, `${BLOBS}/write`, `${BLOBS}/move/action`, `${BLOBS}/add/action`],
    }),
    role(ROLE_IDS.storageBlobDataOwner, 'Storage Blob Data Owner', 'Allows for full access to Azure Storage blob containers and data, including assigning POSIX access control.', {
      actions: [`${CONTAINERS}/*`, DELEGATION_KEY],
      dataActions: [`${BLOBS}/*`],
    }),
  ];
}
