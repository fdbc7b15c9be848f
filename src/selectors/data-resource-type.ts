/**
 * A resource type whose data events a trail logs: the `resources.type` of advanced event selectors (and,
 * for S3 objects, Lambda functions and DynamoDB tables, the `Type` of basic selectors' data resources).
 *
 * AWS keeps adding types; use `DataResourceType.of('AWS::Service::Type')` for one not listed here. The list
 * follows the CloudTrail API reference (AdvancedFieldSelector) and User Guide (Logging data events).
 */
export class DataResourceType {
  /** `AWS::S3::Object`: Objects in S3 general purpose buckets (GetObject, PutObject, DeleteObject...). */
  public static readonly S3_OBJECT = new DataResourceType('AWS::S3::Object');
  /** `AWS::S3::AccessPoint`: S3 access points. */
  public static readonly S3_ACCESS_POINT = new DataResourceType('AWS::S3::AccessPoint');
  /** `AWS::S3Express::Object`: Objects in S3 directory buckets (S3 Express One Zone). */
  public static readonly S3_EXPRESS_OBJECT = new DataResourceType('AWS::S3Express::Object');
  /** `AWS::S3ObjectLambda::AccessPoint`: S3 Object Lambda access points. */
  public static readonly S3_OBJECT_LAMBDA_ACCESS_POINT = new DataResourceType('AWS::S3ObjectLambda::AccessPoint');
  /** `AWS::S3Outposts::Object`: Objects in S3 on Outposts. */
  public static readonly S3_OUTPOSTS_OBJECT = new DataResourceType('AWS::S3Outposts::Object');
  /** `AWS::Lambda::Function`: Lambda function invocations (the Invoke API). */
  public static readonly LAMBDA_FUNCTION = new DataResourceType('AWS::Lambda::Function');
  /** `AWS::DynamoDB::Table`: DynamoDB item-level activity on tables (GetItem, PutItem...). */
  public static readonly DYNAMODB_TABLE = new DataResourceType('AWS::DynamoDB::Table');
  /** `AWS::DynamoDB::Stream`: DynamoDB Streams activity. */
  public static readonly DYNAMODB_STREAM = new DataResourceType('AWS::DynamoDB::Stream');
  /** `AWS::SNS::Topic`: Amazon SNS Publish and PublishBatch on topics. */
  public static readonly SNS_TOPIC = new DataResourceType('AWS::SNS::Topic');
  /** `AWS::SNS::PlatformEndpoint`: Amazon SNS platform endpoints. */
  public static readonly SNS_PLATFORM_ENDPOINT = new DataResourceType('AWS::SNS::PlatformEndpoint');
  /** `AWS::SQS::Queue`: Amazon SQS queue activity (SendMessage, ReceiveMessage...). */
  public static readonly SQS_QUEUE = new DataResourceType('AWS::SQS::Queue');
  /** `AWS::Kinesis::Stream`: Kinesis Data Streams activity on streams. */
  public static readonly KINESIS_STREAM = new DataResourceType('AWS::Kinesis::Stream');
  /** `AWS::Kinesis::StreamConsumer`: Kinesis Data Streams activity on stream consumers. */
  public static readonly KINESIS_STREAM_CONSUMER = new DataResourceType('AWS::Kinesis::StreamConsumer');
  /** `AWS::KinesisVideo::Stream`: Kinesis Video Streams activity. */
  public static readonly KINESIS_VIDEO_STREAM = new DataResourceType('AWS::KinesisVideo::Stream');
  /** `AWS::StepFunctions::StateMachine`: Step Functions activity on state machines. */
  public static readonly STEP_FUNCTIONS_STATE_MACHINE = new DataResourceType('AWS::StepFunctions::StateMachine');
  /** `AWS::Bedrock::AgentAlias`: Amazon Bedrock agent aliases. */
  public static readonly BEDROCK_AGENT_ALIAS = new DataResourceType('AWS::Bedrock::AgentAlias');
  /** `AWS::Bedrock::FlowAlias`: Amazon Bedrock flow aliases. */
  public static readonly BEDROCK_FLOW_ALIAS = new DataResourceType('AWS::Bedrock::FlowAlias');
  /** `AWS::Bedrock::Guardrail`: Amazon Bedrock guardrails. */
  public static readonly BEDROCK_GUARDRAIL = new DataResourceType('AWS::Bedrock::Guardrail');
  /** `AWS::Bedrock::KnowledgeBase`: Amazon Bedrock knowledge bases. */
  public static readonly BEDROCK_KNOWLEDGE_BASE = new DataResourceType('AWS::Bedrock::KnowledgeBase');
  /** `AWS::Glue::Table`: AWS Glue tables created by Lake Formation. */
  public static readonly GLUE_TABLE = new DataResourceType('AWS::Glue::Table');
  /** `AWS::EC2::Snapshot`: Amazon EBS direct APIs on snapshots. */
  public static readonly EC2_SNAPSHOT = new DataResourceType('AWS::EC2::Snapshot');
  /** `AWS::EC2::InstanceConnectEndpoint`: Amazon EC2 Instance Connect endpoints. */
  public static readonly EC2_INSTANCE_CONNECT_ENDPOINT = new DataResourceType('AWS::EC2::InstanceConnectEndpoint');
  /** `AWS::Cassandra::Table`: Amazon Keyspaces (for Apache Cassandra) tables. */
  public static readonly CASSANDRA_TABLE = new DataResourceType('AWS::Cassandra::Table');
  /** `AWS::AppConfig::Configuration`: AWS AppConfig configurations. */
  public static readonly APPCONFIG_CONFIGURATION = new DataResourceType('AWS::AppConfig::Configuration');
  /** `AWS::B2BI::Transformer`: AWS B2B Data Interchange transformers. */
  public static readonly B2BI_TRANSFORMER = new DataResourceType('AWS::B2BI::Transformer');
  /** `AWS::CloudFront::KeyValueStore`: CloudFront KeyValueStores. */
  public static readonly CLOUDFRONT_KEY_VALUE_STORE = new DataResourceType('AWS::CloudFront::KeyValueStore');
  /** `AWS::CloudTrail::Channel`: CloudTrail PutAuditEvents on CloudTrail Lake channels. */
  public static readonly CLOUDTRAIL_CHANNEL = new DataResourceType('AWS::CloudTrail::Channel');
  /** `AWS::CloudWatch::Metric`: CloudWatch metrics. */
  public static readonly CLOUDWATCH_METRIC = new DataResourceType('AWS::CloudWatch::Metric');
  /** `AWS::CodeWhisperer::Customization`: Amazon CodeWhisperer customizations. */
  public static readonly CODEWHISPERER_CUSTOMIZATION = new DataResourceType('AWS::CodeWhisperer::Customization');
  /** `AWS::CodeWhisperer::Profile`: Amazon CodeWhisperer profiles. */
  public static readonly CODEWHISPERER_PROFILE = new DataResourceType('AWS::CodeWhisperer::Profile');
  /** `AWS::Cognito::IdentityPool`: Amazon Cognito identity pools. */
  public static readonly COGNITO_IDENTITY_POOL = new DataResourceType('AWS::Cognito::IdentityPool');
  /** `AWS::EMRWAL::Workspace`: Amazon EMR write-ahead log workspaces. */
  public static readonly EMRWAL_WORKSPACE = new DataResourceType('AWS::EMRWAL::Workspace');
  /** `AWS::FinSpace::Environment`: Amazon FinSpace environments. */
  public static readonly FINSPACE_ENVIRONMENT = new DataResourceType('AWS::FinSpace::Environment');
  /** `AWS::GreengrassV2::ComponentVersion`: AWS IoT Greengrass V2 component versions. */
  public static readonly GREENGRASS_V2_COMPONENT_VERSION = new DataResourceType('AWS::GreengrassV2::ComponentVersion');
  /** `AWS::GreengrassV2::Deployment`: AWS IoT Greengrass V2 deployments. */
  public static readonly GREENGRASS_V2_DEPLOYMENT = new DataResourceType('AWS::GreengrassV2::Deployment');
  /** `AWS::GuardDuty::Detector`: Amazon GuardDuty detectors. */
  public static readonly GUARDDUTY_DETECTOR = new DataResourceType('AWS::GuardDuty::Detector');
  /** `AWS::IoT::Certificate`: AWS IoT certificates. */
  public static readonly IOT_CERTIFICATE = new DataResourceType('AWS::IoT::Certificate');
  /** `AWS::IoT::Thing`: AWS IoT things. */
  public static readonly IOT_THING = new DataResourceType('AWS::IoT::Thing');
  /** `AWS::IoTSiteWise::Asset`: AWS IoT SiteWise assets. */
  public static readonly IOT_SITEWISE_ASSET = new DataResourceType('AWS::IoTSiteWise::Asset');
  /** `AWS::IoTSiteWise::TimeSeries`: AWS IoT SiteWise time series. */
  public static readonly IOT_SITEWISE_TIME_SERIES = new DataResourceType('AWS::IoTSiteWise::TimeSeries');
  /** `AWS::IoTTwinMaker::Entity`: AWS IoT TwinMaker entities. */
  public static readonly IOT_TWINMAKER_ENTITY = new DataResourceType('AWS::IoTTwinMaker::Entity');
  /** `AWS::IoTTwinMaker::Workspace`: AWS IoT TwinMaker workspaces. */
  public static readonly IOT_TWINMAKER_WORKSPACE = new DataResourceType('AWS::IoTTwinMaker::Workspace');
  /** `AWS::KendraRanking::ExecutionPlan`: Amazon Kendra Intelligent Ranking rescore execution plans. */
  public static readonly KENDRA_RANKING_EXECUTION_PLAN = new DataResourceType('AWS::KendraRanking::ExecutionPlan');
  /** `AWS::MachineLearning::MlModel`: Amazon Machine Learning models. */
  public static readonly MACHINE_LEARNING_MODEL = new DataResourceType('AWS::MachineLearning::MlModel');
  /** `AWS::ManagedBlockchain::Network`: Amazon Managed Blockchain networks. */
  public static readonly MANAGED_BLOCKCHAIN_NETWORK = new DataResourceType('AWS::ManagedBlockchain::Network');
  /** `AWS::ManagedBlockchain::Node`: Amazon Managed Blockchain nodes (Ethereum JSON-RPC calls). */
  public static readonly MANAGED_BLOCKCHAIN_NODE = new DataResourceType('AWS::ManagedBlockchain::Node');
  /** `AWS::MedicalImaging::Datastore`: AWS HealthImaging data stores. */
  public static readonly MEDICAL_IMAGING_DATASTORE = new DataResourceType('AWS::MedicalImaging::Datastore');
  /** `AWS::NeptuneGraph::Graph`: Amazon Neptune Analytics graphs. */
  public static readonly NEPTUNE_GRAPH = new DataResourceType('AWS::NeptuneGraph::Graph');
  /** `AWS::One::UKey`: Amazon One Enterprise UKeys. */
  public static readonly ONE_UKEY = new DataResourceType('AWS::One::UKey');
  /** `AWS::One::User`: Amazon One Enterprise users. */
  public static readonly ONE_USER = new DataResourceType('AWS::One::User');
  /** `AWS::PaymentCryptography::Alias`: AWS Payment Cryptography aliases. */
  public static readonly PAYMENT_CRYPTOGRAPHY_ALIAS = new DataResourceType('AWS::PaymentCryptography::Alias');
  /** `AWS::PaymentCryptography::Key`: AWS Payment Cryptography keys. */
  public static readonly PAYMENT_CRYPTOGRAPHY_KEY = new DataResourceType('AWS::PaymentCryptography::Key');
  /** `AWS::PCAConnectorAD::Connector`: AWS Private CA Connector for Active Directory connectors. */
  public static readonly PCA_CONNECTOR_AD_CONNECTOR = new DataResourceType('AWS::PCAConnectorAD::Connector');
  /** `AWS::PCAConnectorSCEP::Connector`: AWS Private CA Connector for SCEP connectors. */
  public static readonly PCA_CONNECTOR_SCEP_CONNECTOR = new DataResourceType('AWS::PCAConnectorSCEP::Connector');
  /** `AWS::QBusiness::Application`: Amazon Q Business applications. */
  public static readonly QBUSINESS_APPLICATION = new DataResourceType('AWS::QBusiness::Application');
  /** `AWS::QBusiness::DataSource`: Amazon Q Business data sources. */
  public static readonly QBUSINESS_DATA_SOURCE = new DataResourceType('AWS::QBusiness::DataSource');
  /** `AWS::QBusiness::Index`: Amazon Q Business indexes. */
  public static readonly QBUSINESS_INDEX = new DataResourceType('AWS::QBusiness::Index');
  /** `AWS::QBusiness::WebExperience`: Amazon Q Business web experiences. */
  public static readonly QBUSINESS_WEB_EXPERIENCE = new DataResourceType('AWS::QBusiness::WebExperience');
  /** `AWS::RDS::DBCluster`: Amazon RDS Data API calls on DB clusters. */
  public static readonly RDS_DB_CLUSTER = new DataResourceType('AWS::RDS::DBCluster');
  /** `AWS::RUM::AppMonitor`: CloudWatch RUM app monitors. */
  public static readonly RUM_APP_MONITOR = new DataResourceType('AWS::RUM::AppMonitor');
  /** `AWS::SageMaker::Endpoint`: Amazon SageMaker endpoints. */
  public static readonly SAGEMAKER_ENDPOINT = new DataResourceType('AWS::SageMaker::Endpoint');
  /** `AWS::SageMaker::ExperimentTrialComponent`: Amazon SageMaker experiment trial components. */
  public static readonly SAGEMAKER_EXPERIMENT_TRIAL_COMPONENT = new DataResourceType(
    'AWS::SageMaker::ExperimentTrialComponent',
  );
  /** `AWS::SageMaker::FeatureGroup`: Amazon SageMaker feature groups. */
  public static readonly SAGEMAKER_FEATURE_GROUP = new DataResourceType('AWS::SageMaker::FeatureGroup');
  /** `AWS::ServiceDiscovery::Namespace`: AWS Cloud Map namespaces. */
  public static readonly SERVICE_DISCOVERY_NAMESPACE = new DataResourceType('AWS::ServiceDiscovery::Namespace');
  /** `AWS::ServiceDiscovery::Service`: AWS Cloud Map services. */
  public static readonly SERVICE_DISCOVERY_SERVICE = new DataResourceType('AWS::ServiceDiscovery::Service');
  /** `AWS::SCN::Instance`: AWS Supply Chain instances. */
  public static readonly SCN_INSTANCE = new DataResourceType('AWS::SCN::Instance');
  /** `AWS::SSM::ManagedNode`: AWS Systems Manager managed nodes. */
  public static readonly SSM_MANAGED_NODE = new DataResourceType('AWS::SSM::ManagedNode');
  /** `AWS::SSMMessages::ControlChannel`: AWS Systems Manager Session Manager control channels. */
  public static readonly SSM_MESSAGES_CONTROL_CHANNEL = new DataResourceType('AWS::SSMMessages::ControlChannel');
  /** `AWS::SWF::Domain`: Amazon SWF domains. */
  public static readonly SWF_DOMAIN = new DataResourceType('AWS::SWF::Domain');
  /** `AWS::ThinClient::Device`: Amazon WorkSpaces Thin Client devices. */
  public static readonly THIN_CLIENT_DEVICE = new DataResourceType('AWS::ThinClient::Device');
  /** `AWS::ThinClient::Environment`: Amazon WorkSpaces Thin Client environments. */
  public static readonly THIN_CLIENT_ENVIRONMENT = new DataResourceType('AWS::ThinClient::Environment');
  /** `AWS::Timestream::Database`: Amazon Timestream databases. */
  public static readonly TIMESTREAM_DATABASE = new DataResourceType('AWS::Timestream::Database');
  /** `AWS::Timestream::Table`: Amazon Timestream tables. */
  public static readonly TIMESTREAM_TABLE = new DataResourceType('AWS::Timestream::Table');
  /** `AWS::VerifiedPermissions::PolicyStore`: Amazon Verified Permissions policy stores. */
  public static readonly VERIFIED_PERMISSIONS_POLICY_STORE = new DataResourceType(
    'AWS::VerifiedPermissions::PolicyStore',
  );
  /** `AWS::XRay::Trace`: AWS X-Ray traces. */
  public static readonly XRAY_TRACE = new DataResourceType('AWS::XRay::Trace');

  /**
   * A resource type this library does not name yet.
   *
   * @param value the type exactly as CloudTrail spells it, e.g. `AWS::S3::Object`
   */
  public static of(value: string): DataResourceType {
    return new DataResourceType(value);
  }

  /**
   * @param value the type exactly as CloudTrail spells it
   */
  protected constructor(public readonly value: string) {}
}
