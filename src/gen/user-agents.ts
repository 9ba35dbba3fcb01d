/** userAgent strings as they appear in real trails. */

/** What KMS records when another AWS service calls on a principal's behalf. */
export const AWS_INTERNAL = 'AWS Internal';

export const CONSOLE_BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export const CONSOLE_FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0';

/** aws-cli v2 names the command in its user agent. */
export function awsCli(command: string, os = 'Linux/6.8.0-1019-aws'): string {
  return `aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/${os} md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off md/command#${command}`;
}

export const JAVA_SDK =
  'aws-sdk-java/2.29.15 Linux/5.10.228-219.884.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/21.0.5+11-LTS Java/21.0.5 vendor/Amazon.com_Inc. md/internal exec-env/AWS_ECS_EC2 io/sync http/Apache cfg/retry-mode/standard';

export const GO_SDK =
  'aws-sdk-go-v2/1.32.4 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/kms#1.37.5';

/** boto3 as Lambda's Python runtime reports it. */
export const PYTHON_BOTO3 = boto3('AWS_Lambda_python3.12');

/** boto3 with the execution environment it runs in (`AWS_ECS_FARGATE`, `AWS_Lambda_python3.12`). */
export function boto3(executionEnvironment: string): string {
  return `Boto3/1.35.66 md/Botocore#1.35.66 ua/2.0 os/linux#5.10.228-219.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython exec-env/${executionEnvironment} cfg/retry-mode#legacy Botocore/1.35.66`;
}

export const TERRAFORM =
  'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.76.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.4 ua/2.1 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64 api/kms#1.37.5';

/** The Nitro Enclaves SDK's KMS client. */
export const NITRO_ENCLAVES_SDK = 'aws-nitro-enclaves-sdk-c/v0.4.1 aws-c-http/0.8.10';

/** The Datadog-style monitoring crawler many accounts run. */
export const MONITORING_CRAWLER = 'datadog-aws-integration/7.59.0 aws-sdk-go/1.55.5 (go1.22.8; linux; amd64)';
