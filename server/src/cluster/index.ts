// Public API of the cluster policy source: reading Calico and Kubernetes policy objects from a cluster,
// their read-only documents, and the traffic simulator's view of them.
export { CLUSTER_KINDS, resourceKey, type ApiGroup, type ClusterKind } from './policyKinds';
export { readPolicySnapshot, missingKindName, type ClusterObject, type MissingData, type PolicySnapshot } from './policySnapshot';
export { ClusterPolicySource, type ClusterPolicySourceOptions } from './policySource';
export { clusterUri, objectYaml, objectAtUri, sameResource, documentText, parsedObject } from './clusterDocuments';
export { withoutServerFields } from './serverFields';
export { crdToV3, v3PolicyName } from './crdMapping';
export { missingSentence } from './missingText';
export { readClusterOnce, type OneShotOptions } from './oneShot';
export { activeClusterTrafficSource, clusterTrafficFiles, setActiveClusterPolicies, snapshotTrafficFiles } from './trafficFiles';
