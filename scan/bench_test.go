package scan

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// benchTemplate writes a CloudFormation template of about 9 KB with 44
// resources of the kinds the rules read (storage, compute, data, network,
// identity, messaging, containers), like a mid-sized real stack.
func benchTemplate(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: generated stack %d\nParameters:\n  Env: {Type: String}\nResources:\n", i)
	for j := range 4 {
		fmt.Fprintf(&b, `  Bucket%[1]d:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "app-${Env}-%[2]d-%[1]d"
      VersioningConfiguration: {Status: Enabled}
      LifecycleConfiguration:
        Rules: [{Id: archive, Status: Enabled, Transitions: [{StorageClass: GLACIER, TransitionInDays: 90}]}]
      Tags: [{Key: team, Value: web}]
  Table%[1]d:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
  Fn%[1]d:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: !GetAtt Role%[1]d.Arn
      Architectures: [arm64]
      TracingConfig: {Mode: Active}
      Environment: {Variables: {TABLE: !Ref Table%[1]d, BUCKET: !Ref Bucket%[1]d, QUEUE: !Ref Queue%[1]d}}
  Role%[1]d:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "sts:AssumeRole"}]}
      Policies: [{PolicyName: data, PolicyDocument: {Statement: [{Effect: Allow, Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: !GetAtt Table%[1]d.Arn}]}}]
  Queue%[1]d:
    Type: AWS::SQS::Queue
    Properties: {RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq%[1]d.Arn, maxReceiveCount: 5}}
  Dlq%[1]d:
    Type: AWS::SQS::Queue
  Logs%[1]d:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: !Sub "/aws/lambda/${Fn%[1]d}", RetentionInDays: 30}
  Alarm%[1]d:
    Type: AWS::CloudWatch::Alarm
    Properties: {MetricName: Errors, Namespace: AWS/Lambda, Threshold: 1, AlarmActions: [!Ref Topic]}
  Db%[1]d:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, DBInstanceClass: db.r7g.large, MultiAZ: true, StorageEncrypted: true, BackupRetentionPeriod: 7, StorageType: gp3, ManageMasterUserPassword: true}
  Sg%[1]d:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}, {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref Sg%[1]d}]
`, j, i)
	}
	b.WriteString(`  Topic: {Type: AWS::SNS::Topic, Properties: {KmsMasterKeyId: alias/aws/sns}}
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Subnets: [a, b], LoadBalancerAttributes: [{Key: access_logs.s3.enabled, Value: "true"}]}
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: {LoadBalancerArn: !Ref Lb, Port: 443, Protocol: HTTPS, SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06, DefaultActions: [{Type: forward, TargetGroupArn: tg}]}
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      NetworkMode: awsvpc
      RuntimePlatform: {CpuArchitecture: ARM64}
      ContainerDefinitions: [{Name: app, Image: "app:1.2.3", LogConfiguration: {LogDriver: awslogs}}]
`)
	return []byte(b.String())
}

// BenchmarkScan300 reads 300 generated templates (about 2.75 MB, 13,200
// resources) one after another, then evaluates them (Evaluate uses every
// core). scripts/bench_scan.sh measures the whole process on the same
// templates.
func BenchmarkScan300(b *testing.B) {
	rules, err := Rules()
	if err != nil {
		b.Fatal(err)
	}
	templates := make([][]byte, 300)
	size := 0
	for i := range templates {
		templates[i] = benchTemplate(i)
		size += len(templates[i])
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		var all []*Resource
		for i, t := range templates {
			res, err := Read(fmt.Sprintf("t%d.yaml", i), t)
			if err != nil {
				b.Fatal(err)
			}
			all = append(all, res...)
		}
		rep := Evaluate(rules, all, nil)
		if len(rep.Results) == 0 {
			b.Fatal("no results")
		}
	}
	b.ReportMetric(float64(size)/1e6, "MB/op")
}

// benchJSON is benchTemplate(i) in JSON, the intrinsics in their long form,
// as CDK writes templates (cdk.out/*.template.json).
func benchJSON(t testing.TB, i int) []byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(benchTemplate(i), &doc); err != nil {
		t.Fatal(err)
	}
	c := &converter{file: "bench"}
	v, err := c.value(doc.Content[0], 0)
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

// TestBenchCorpus checks that the benchmark's templates read, in YAML and
// in JSON, as the same 44 resources each. With WAT_SCAN_CORPUS=DIR it also
// writes the corpus of BenchmarkScan300 there for scripts/bench_scan.sh:
// DIR/yaml/tNNN.yaml and DIR/json/tNNN.template.json (WAT_SCAN_CORPUS_N
// templates of each, default 300).
func TestBenchCorpus(t *testing.T) {
	dir := os.Getenv("WAT_SCAN_CORPUS")
	n := 3
	if dir != "" {
		n = 300
		if s := os.Getenv("WAT_SCAN_CORPUS_N"); s != "" {
			var err error
			if n, err = strconv.Atoi(s); err != nil || n < 1 {
				t.Fatalf("WAT_SCAN_CORPUS_N=%q is not a positive number", s)
			}
		}
		for _, sub := range []string{"yaml", "json"} {
			if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := range n {
		y, j := benchTemplate(i), benchJSON(t, i)
		fromYAML, err := Read("t.yaml", y)
		if err != nil {
			t.Fatal(err)
		}
		fromJSON, err := Read("t.json", j)
		if err != nil {
			t.Fatal(err)
		}
		if len(fromYAML) != 44 || len(fromJSON) != 44 {
			t.Fatalf("template %d: %d resources in YAML, %d in JSON, want 44", i, len(fromYAML), len(fromJSON))
		}
		props := func(rs []*Resource) map[string]map[string]any {
			m := map[string]map[string]any{}
			for _, r := range rs {
				m[r.Name] = r.Props
			}
			return m
		}
		if diff := cmp.Diff(props(fromYAML), props(fromJSON), cmp.AllowUnexported(ref{})); diff != "" {
			t.Fatalf("template %d: JSON reads differently from YAML (-yaml +json):\n%s", i, diff)
		}
		if dir == "" {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, "yaml", fmt.Sprintf("t%03d.yaml", i)), y, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "json", fmt.Sprintf("t%03d.template.json", i)), j, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
