package scan

import (
	"fmt"
	"strings"
	"testing"
)

// benchTemplate writes a CloudFormation template of about 9 KB with 40
// resources of the kinds the rules read, like a mid-sized real stack.
func benchTemplate(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: generated stack %d\nParameters:\n  Env: {Type: String}\nResources:\n", i)
	for j := range 5 {
		fmt.Fprintf(&b, `  Bucket%d:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "app-${Env}-%d-%d"
      VersioningConfiguration: {Status: Enabled}
      LifecycleConfiguration:
        Rules: [{Id: archive, Status: Enabled, Transitions: [{StorageClass: GLACIER, TransitionInDays: 90}]}]
      Tags: [{Key: team, Value: web}]
  Table%d:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
  Fn%d:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: !GetAtt Role.Arn
      Architectures: [arm64]
      TracingConfig: {Mode: Active}
      Environment: {Variables: {TABLE: !Ref Table%d, BUCKET: !Ref Bucket%d}}
  Logs%d:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: !Sub "/aws/lambda/${Fn%d}", RetentionInDays: 30}
  Alarm%d:
    Type: AWS::CloudWatch::Alarm
    Properties: {MetricName: Errors, Namespace: AWS/Lambda, Threshold: 1, AlarmActions: [!Ref Topic]}
  Db%d:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, DBInstanceClass: db.r7g.large, MultiAZ: true, StorageEncrypted: true, BackupRetentionPeriod: 7}
  Vol%d:
    Type: AWS::EC2::Volume
    Properties: {AvailabilityZone: !Select [0, !GetAZs ""], Size: 100, VolumeType: gp3, Encrypted: true}
  Server%d:
    Type: AWS::EC2::Instance
    Properties: {InstanceType: m7g.large, ImageId: ami-12345678, Monitoring: true}
`, j, i, j, j, j, j, j, j, j, j, j, j, j)
	}
	b.WriteString("  Role: {Type: AWS::IAM::Role}\n  Topic: {Type: AWS::SNS::Topic}\n")
	return []byte(b.String())
}

// BenchmarkScan300 reads and evaluates 300 generated templates (about
// 2.7 MB) on one core.
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
