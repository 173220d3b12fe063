package testserver_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
)

func TestProfileLoad(t *testing.T) {
	if os.Getenv("WAT_PROFILE") == "" {
		t.Skip()
	}
	srv := testserver.Start(t, testserver.Options{})
	ctx := context.Background()
	w, err := srv.Client.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{WorkloadName: aws.String("p"+"rof"), Description: aws.String("abc"), Environment: types.WorkloadEnvironmentProduction, AwsRegions: []string{"us-east-1"}, ReviewOwner: aws.String("owner"), Lenses: []string{"wellarchitected"}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	n := 0
	var mu sync.Mutex
	start := time.Now()
	for c := 0; c < 16; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Since(start) < 5*time.Second {
				var err error
				if os.Getenv("WAT_PROFILE") == "get" {
					_, err = srv.Client.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: w.WorkloadId, LensAlias: aws.String("wellarchitected")})
				} else {
					_, err = srv.Client.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: w.WorkloadId, LensAlias: aws.String("wellarchitected"), QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_ext_cust_needs"}})
				}
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				n++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("requests/s", float64(n)/time.Since(start).Seconds())
}
